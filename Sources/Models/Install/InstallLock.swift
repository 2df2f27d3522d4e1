import Foundation

/// An advisory lock on one model's installation across processes (`ishowtts models install` while the server installs
/// the same model): the second is refused at once instead of writing into the same partial files.
final class InstallLock {
    private let descriptor: Int32

    /// Takes the lock at `file`; throws ``ModelInstallError/Code/inUse`` when another process holds it.
    init(_ file: URL, model: String) throws(ModelInstallError) {
        let descriptor = open(file.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ModelInstallError(.storage, "cannot create \(file.path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw ModelInstallError(.inUse, "\(model) is being installed by another process; try again when it ends")
        }
        self.descriptor = descriptor
    }

    /// Lets the next installation in (closing the file releases the lock).
    func release() {
        close(descriptor)
    }
}
