import Foundation
import TestSupport

/// `ishowtts serve` as a service manager starts it: any free port on 127.0.0.1, the installed voice as `joe`, a data
/// directory of its own, and `notifications` as its `NOTIFY_SOCKET`; `environment` adds or overrides variables.
func startServe(notifications: NotifySocket, environment: [String: String] = [:]) throws -> RunningProcess {
    let base = [
        "ISHOWTTS__BIND_ADDR": "127.0.0.1:0",
        "ISHOWTTS__PIPER__VOICES": #"[{"id":"joe","model":"\#(ProjectPaths.defaultPiperModel.path)"}]"#,
        "NOTIFY_SOCKET": notifications.path,
        "ISHOWTTS__DATA_DIR": FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-serve-\(UUID().uuidString)").path,
    ]
    return try RunningProcess(ProjectPaths.builtProduct("ishowtts"), ["serve"], environment: base.merging(environment) { $1 })
}
