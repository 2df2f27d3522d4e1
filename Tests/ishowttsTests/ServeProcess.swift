import Foundation
import TestSupport

/// `ishowtts serve` as a service manager starts it: any free port on 127.0.0.1, the installed voice as `joe`, and
/// `notifications` as its `NOTIFY_SOCKET`; `environment` adds or overrides variables.
func startServe(notifications: NotifySocket, environment: [String: String] = [:]) throws -> RunningProcess {
    let base = [
        "ISHOWTTS__BIND_ADDR": "127.0.0.1:0",
        "ISHOWTTS__PIPER__VOICES": #"[{"id":"joe","model":"\#(ProjectPaths.defaultPiperModel.path)"}]"#,
        "NOTIFY_SOCKET": notifications.path,
    ]
    return try RunningProcess(ProjectPaths.builtProduct("ishowtts"), ["serve"], environment: base.merging(environment) { $1 })
}
