import COnnxRuntime

/// ONNX Runtime's C API table and the process-wide environment every session is created in.
///
/// Created once, on first use; a library too old for the header's API version is an error, not a crash.
final class OnnxRuntime: Sendable {
    // @unchecked would be wrong here: both pointers are immutable after init, and ONNX Runtime documents the API
    // table and the environment as safe to use from any thread.
    nonisolated(unsafe) let api: UnsafePointer<OrtApi>
    nonisolated(unsafe) let environment: OpaquePointer

    /// The shared runtime, or why it cannot be used.
    static let shared: Result<OnnxRuntime, PiperVoiceError> = Result { () throws(PiperVoiceError) in try OnnxRuntime() }

    private init() throws(PiperVoiceError) {
        guard let base = OrtGetApiBase(), let api = base.pointee.GetApi(UInt32(ORT_API_VERSION)) else {
            throw PiperVoiceError("ONNX Runtime does not offer C API version \(ORT_API_VERSION); reinstall with `make`")
        }
        self.api = api
        var environment: OpaquePointer?
        let status = api.pointee.CreateEnv(ORT_LOGGING_LEVEL_WARNING, "ishowtts", &environment)
        try Self.check(status, api: api, "cannot create the ONNX Runtime environment")
        guard let environment else { throw PiperVoiceError("cannot create the ONNX Runtime environment") }
        self.environment = environment
    }

    /// Throws `context` plus ONNX Runtime's message when `status` is an error, releasing it either way.
    func check(_ status: OpaquePointer?, _ context: @autoclosure () -> String) throws(PiperVoiceError) {
        try Self.check(status, api: api, context())
    }

    private static func check(
        _ status: OpaquePointer?,
        api: UnsafePointer<OrtApi>,
        _ context: @autoclosure () -> String
    )
        throws(PiperVoiceError)
    {
        guard let status else { return }
        defer { api.pointee.ReleaseStatus(status) }
        let message = api.pointee.GetErrorMessage(status).map { String(cString: $0) } ?? "unknown error"
        throw PiperVoiceError("\(context()): \(message)")
    }
}
