import COnnxRuntime
import Foundation
import SpeechCore

/// One Piper (VITS) model loaded in ONNX Runtime; the only owner of its session.
///
/// Not Sendable: a session may run concurrently in principle, but each voice serialises its work on one queue,
/// which is the only place that touches this object.
final class PiperSession {
    private let runtime: OnnxRuntime
    private let session: OpaquePointer
    private let memory: OpaquePointer
    /// Whether the model takes a speaker id (`sid`): multi-speaker voices.
    let takesSpeakerID: Bool

    /// Loads `model` to run on `threads` threads, with every graph optimisation ONNX Runtime has (as piper-tts) and
    /// without memory patterns (unlike piper-tts).
    init(model: URL, threads: Int) throws(PiperVoiceError) {
        let runtime = try OnnxRuntime.shared.get()
        let api = runtime.api.pointee
        var options: OpaquePointer?
        try runtime.check(api.CreateSessionOptions(&options), "cannot create ONNX Runtime session options")
        guard let options else { throw PiperVoiceError("cannot create ONNX Runtime session options") }
        defer { api.ReleaseSessionOptions(options) }
        try runtime.check(api.SetIntraOpNumThreads(options, Int32(clamping: max(1, threads))), "cannot set the thread count")
        try runtime.check(api.SetInterOpNumThreads(options, 1), "cannot set the thread count")
        try runtime.check(api.SetSessionGraphOptimizationLevel(options, ORT_ENABLE_ALL), "cannot set the optimisation level")
        // Memory patterns plan allocations per input shape, and every sentence has a new length: planning costs
        // about 4 ms a run and is never reused (measured: docs/BENCHMARKS.md). piper-tts leaves them on.
        try runtime.check(api.DisableMemPattern(options), "cannot turn memory patterns off")
        var memory: OpaquePointer?
        try runtime.check(api.CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &memory), "cannot describe CPU memory")
        guard let memory else { throw PiperVoiceError("cannot describe CPU memory") }
        var session: OpaquePointer?
        let created: OpaquePointer
        let inputs: [String]
        do throws(PiperVoiceError) {
            try runtime.check(
                model.path.withCString { api.CreateSession(runtime.environment, $0, options, &session) },
                "cannot load the ONNX model \(model.path)"
            )
            guard let session else { throw PiperVoiceError.badModel(model.path, "ONNX Runtime returned no session") }
            created = session
            inputs = try Self.inputNames(of: session, runtime: runtime)
            guard Set(["input", "input_lengths", "scales"]).isSubset(of: inputs) else {
                throw PiperVoiceError.badModel(model.path, "not a Piper model: its inputs are \(inputs.joined(separator: ", "))")
            }
        } catch {
            // `deinit` does not run for an object that never finished initialising: release what exists here.
            if let session { api.ReleaseSession(session) }
            api.ReleaseMemoryInfo(memory)
            throw error
        }
        self.runtime = runtime
        self.session = created
        self.memory = memory
        takesSpeakerID = inputs.contains("sid")
    }

    deinit {
        runtime.api.pointee.ReleaseMemoryInfo(memory)
        runtime.api.pointee.ReleaseSession(session)
    }

    /// Runs the model on one sentence's phoneme ids; returns its audio samples.
    ///
    /// - Parameters:
    ///   - phonemeIDs: The framed ids (see ``PiperPhonemeIDs``); not empty.
    ///   - scales: `noise_scale`, `length_scale`, `noise_w`, in that order (the model's `scales` input).
    ///   - speakerID: The speaker, for models that take one.
    func synthesize(phonemeIDs: [Int64], scales: [Float], speakerID: Int64) throws(SynthesisError) -> [Float] {
        do {
            return try run(phonemeIDs: phonemeIDs, scales: scales, speakerID: speakerID)
        } catch {
            throw SynthesisError(.engineFailure, error.message)
        }
    }

    private func run(phonemeIDs: [Int64], scales: [Float], speakerID: Int64) throws(PiperVoiceError) -> [Float] {
        let api = runtime.api.pointee
        // The tensors borrow these buffers (no copy): they are allocated here and freed only after `Run` has returned
        // and every tensor is released (`defer`s run in reverse order).
        let buffers = InputBuffers()
        defer { buffers.free() }
        var values: [OpaquePointer?] = []
        defer { for value in values { api.ReleaseValue(value) } }
        try values.append(tensor(buffers.copy(phonemeIDs), shape: [1, Int64(phonemeIDs.count)], type: ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64))
        try values.append(tensor(buffers.copy([Int64(phonemeIDs.count)]), shape: [1], type: ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64))
        try values.append(tensor(buffers.copy(scales), shape: [Int64(scales.count)], type: ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT))
        var names = ["input", "input_lengths", "scales"]
        if takesSpeakerID {
            try values.append(tensor(buffers.copy([speakerID]), shape: [1], type: ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64))
            names.append("sid")
        }
        var output: OpaquePointer?
        let status = withCStrings(names) { inputNames in
            "output".withCString { outputName in
                let outputNames: [UnsafePointer<CChar>?] = [outputName]
                return api.Run(session, nil, inputNames, values, values.count, outputNames, 1, &output)
            }
        }
        try runtime.check(status, "ONNX Runtime failed to synthesise a sentence")
        guard let output else { throw PiperVoiceError("ONNX Runtime returned no audio") }
        values.append(output)
        var info: OpaquePointer?
        try runtime.check(api.GetTensorTypeAndShape(output, &info), "cannot read the audio's shape")
        defer { api.ReleaseTensorTypeAndShapeInfo(info) }
        var elementType = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED
        try runtime.check(api.GetTensorElementType(info, &elementType), "cannot read the audio's type")
        guard elementType == ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT else { throw PiperVoiceError("the model's audio is not float32") }
        var count = 0
        try runtime.check(api.GetTensorShapeElementCount(info, &count), "cannot read the audio's length")
        var data: UnsafeMutableRawPointer?
        try runtime.check(api.GetTensorMutableData(output, &data), "cannot read the audio")
        guard count > 0, let data else { return [] }
        // The samples belong to `output`, released on return: copy them out now.
        return Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: Float.self), count: count))
    }

    /// A tensor of `shape` over `buffer` (no copy; the buffer must outlive the tensor).
    private func tensor(
        _ buffer: UnsafeMutableRawBufferPointer,
        shape: [Int64],
        type: ONNXTensorElementDataType
    ) throws(PiperVoiceError)
        -> OpaquePointer?
    {
        var value: OpaquePointer?
        let status = shape.withUnsafeBufferPointer { dimensions in
            runtime.api.pointee.CreateTensorWithDataAsOrtValue(
                memory,
                buffer.baseAddress,
                buffer.count,
                dimensions.baseAddress,
                dimensions.count,
                type,
                &value
            )
        }
        try runtime.check(status, "cannot build an input tensor")
        return value
    }

    private static func inputNames(of session: OpaquePointer, runtime: OnnxRuntime) throws(PiperVoiceError) -> [String] {
        let api = runtime.api.pointee
        var allocator: UnsafeMutablePointer<OrtAllocator>?
        try runtime.check(api.GetAllocatorWithDefaultOptions(&allocator), "cannot get ONNX Runtime's allocator")
        var count = 0
        try runtime.check(api.SessionGetInputCount(session, &count), "cannot count the model's inputs")
        var names: [String] = []
        for index in 0..<count {
            var name: UnsafeMutablePointer<CChar>?
            try runtime.check(api.SessionGetInputName(session, index, allocator, &name), "cannot read the model's inputs")
            guard let name else { continue }
            names.append(String(cString: name))
            if let status = api.AllocatorFree(allocator, name) { api.ReleaseStatus(status) }
        }
        return names
    }
}

/// Calls `body` with C strings for `strings`, valid for the call.
private func withCStrings<Result>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
    let copies = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    return body(copies.map { UnsafePointer($0) })
}

/// Memory for input tensors that stays put until ``free()``, unlike a Swift array's storage outside its closure.
private final class InputBuffers {
    private var allocations: [UnsafeMutableRawBufferPointer] = []

    /// A copy of `values` in new memory.
    func copy<Element>(_ values: [Element]) -> UnsafeMutableRawBufferPointer {
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(1, values.count * MemoryLayout<Element>.stride),
            alignment: MemoryLayout<Element>.alignment
        )
        values.withUnsafeBytes { buffer.copyMemory(from: $0) }
        allocations.append(buffer)
        return UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(values.count * MemoryLayout<Element>.stride)])
    }

    /// Frees every buffer.
    func free() {
        for allocation in allocations { allocation.deallocate() }
        allocations = []
    }
}
