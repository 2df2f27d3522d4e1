import Foundation
public import Logging
public import ServiceLifecycle
import SpeechCore

/// Keeps one worker process per configured slot alive: spawn → `hello` → `load` → `prepare_voice` for every voice,
/// then hands the worker to the ``F5BatchDispatcher``.
///
/// With a standby (``F5StandbyPolicy``), each device gets one more slot once its first worker is ready. Roles are not
/// fixed: a worker that finishes its handshake serves when its device has fewer than `workersPerDevice` serving, and
/// waits as the standby otherwise; when a serving worker dies, the standby of its device takes its place at once and
/// the dead one, restarted, becomes the new standby. A worker starting beside a full complement of serving ones (a
/// standby to be) shares their device, so it keeps out of their way: it is spawned and loads its model only once the
/// engine has been quiet for `quietPeriod` (or after `quietWaitLimit`), prepares its voices without their warm-up, and
/// then warms up one duration at a time, each step again after a quiet moment (`warm`).
///
/// A worker that exits, breaks the protocol or stops answering (a `stats` ping or a batch past the request timeout)
/// is killed; its in-flight requests fail at once and it is restarted after a delay that doubles with each quick
/// failure. Run it as a service; graceful shutdown asks every worker to `shutdown`, then kills stragglers.
///
/// ```swift
/// let supervisor = F5WorkerSupervisor(settings: settings, voices: voices, dispatcher: dispatcher, logger: logger)
/// let group = ServiceGroup(services: [supervisor], logger: logger)
/// try await group.run()
/// ```
public actor F5WorkerSupervisor: Service {
    private let settings: F5WorkerPoolSettings
    /// Voices every ready worker has (and every starting worker gets in its handshake).
    private var voices: [F5WorkerVoice]
    /// ``ensureVoice(_:)`` preparations in flight, by voice id; concurrent callers await the same one.
    private var preparing: [String: Task<Void, any Error>] = [:]
    private let dispatcher: F5BatchDispatcher
    private let logger: Logger
    private let observer: F5EngineObserver?
    private var slots: [Int: Slot] = [:]
    /// Devices whose standby has been decided (started, or found not to fit).
    private var standbyDecided: Set<String> = []
    /// Slots to start after ``run()`` began: the standbys.
    private var slotStarts: AsyncStream<Int>.Continuation?
    private var started = false
    private var stopped = false
    private var readyWaiters: [CheckedContinuation<Void, any Error>] = []

    private struct Slot {
        let device: String
        var state: F5WorkerStatus.State = .starting
        var connection: F5WorkerConnection?
        var restarts = 0
        var lastError: String?
        var hello: F5ReadyReply?
        var hasBeenReady = false
    }

    /// Creates a supervisor; nothing starts until ``run()``. `observer` hears workers becoming ready and being lost.
    public init(
        settings: F5WorkerPoolSettings,
        voices: [F5WorkerVoice],
        dispatcher: F5BatchDispatcher,
        logger: Logger,
        observer: F5EngineObserver? = nil
    ) {
        self.settings = settings
        self.voices = voices
        self.dispatcher = dispatcher
        self.logger = logger
        self.observer = observer
    }

    /// Runs every worker slot until graceful shutdown or cancellation.
    public func run() async throws {
        started = true
        let count = settings.workerCount
        for index in 0..<count { slots[index] = Slot(device: settings.device(ofWorker: index)) }
        let (starts, startsContinuation) = AsyncStream.makeStream(of: Int.self)
        slotStarts = startsContinuation
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask { await self.runSlot(index) }
                }
                // Ends when the shutdown cancels this task; the slots' tasks are cancelled with it.
                for await index in starts {
                    group.addTask { await self.runSlot(index) }
                }
            }
        }
        slotStarts = nil
        for index in slots.keys { slots[index]?.state = .stopped }
        stopped = true
        failReadyWaiters(SynthesisError(.unavailable, "the F5 workers were stopped before any became ready"))
        logger.info("F5 workers stopped")
    }

    /// Whether ``run()`` has been called.
    public var isRunning: Bool { started }

    /// Whether ``run()`` has ended: the workers are gone for good.
    public var hasStopped: Bool { stopped }

    /// Every slot's state.
    public func statuses() -> [F5WorkerStatus] {
        slots.keys.sorted().compactMap { index in
            guard let slot = slots[index] else { return nil }
            return F5WorkerStatus(
                index: index,
                device: slot.device,
                state: slot.state,
                pid: slot.connection?.process.pid,
                restarts: slot.restarts,
                lastError: slot.lastError,
                hello: slot.hello,
                hasBeenReady: slot.hasBeenReady
            )
        }
    }

    /// Why no worker can serve, when every one has failed to start at least once and none ever became ready
    /// (a broken install or model path); `nil` while any worker is ready, starting for the first time, or merely
    /// restarting after having served.
    public func startupFailure() -> String? {
        guard !slots.isEmpty, slots.values.allSatisfy({ !$0.hasBeenReady && $0.state == .restarting && $0.lastError != nil }) else {
            return nil
        }
        return slots.keys.sorted().compactMap { index in slots[index]?.lastError.map { "worker \(index): \($0)" } }
            .joined(separator: "; ")
    }

    /// Waits until at least one worker is ready.
    ///
    /// Throws ``SynthesisError`` `.unavailable` when the supervisor has stopped (or stops while waiting), or when every
    /// worker has failed to start (``startupFailure()``) before any became ready.
    public func waitUntilReady() async throws {
        if slots.values.contains(where: { $0.state == .ready }) { return }
        if stopped { throw SynthesisError(.unavailable, "the F5 workers are stopped") }
        if let failure = startupFailure() { throw SynthesisError(.unavailable, "no F5 worker could start: \(failure)") }
        try await withCheckedThrowingContinuation { readyWaiters.append($0) }
    }

    private func failReadyWaiters(_ error: SynthesisError) {
        let waiters = readyWaiters
        readyWaiters = []
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    /// Asks worker `index` for its counters.
    public func stats(ofWorker index: Int) async throws -> F5StatsReply {
        guard let connection = slots[index]?.connection, slots[index]?.state == .ready || slots[index]?.state == .standby else {
            throw SynthesisError(.unavailable, "F5 worker \(index) is not ready")
        }
        return try await askStats(connection, worker: index)
    }

    /// The counters of the worker behind `connection` (number `index`).
    private func askStats(_ connection: F5WorkerConnection, worker index: Int) async throws -> F5StatsReply {
        let reply = try await connection.call(timeout: settings.requestTimeout) { F5StatsRequest(id: $0) }
        guard case .stats(let stats) = reply else { throw SynthesisError(.engineFailure, "F5 worker \(index) answered stats with \(reply)") }
        return stats
    }

    // MARK: One slot

    private func runSlot(_ index: Int) async {
        var delay = settings.initialRestartDelay
        while !Task.isCancelled {
            let began = ContinuousClock.now
            await runWorkerOnce(index)
            guard !Task.isCancelled else { break }
            // A worker that stayed up a while earns a fresh backoff; quick failures double it.
            if ContinuousClock.now - began > .seconds(60) { delay = settings.initialRestartDelay }
            slots[index]?.state = .restarting
            slots[index]?.restarts += 1
            if let failure = startupFailure() {
                failReadyWaiters(SynthesisError(.unavailable, "no F5 worker could start: \(failure)"))
            }
            logger.warning("F5 worker restarting", metadata: ["worker": "\(index)", "delay": "\(delay)"])
            observer?(.workerRestarting(worker: index, lastError: slots[index]?.lastError))
            guard (try? await Task.sleep(for: delay)) != nil else { break }
            delay = min(delay * 2, settings.maxRestartDelay)
        }
    }

    private func runWorkerOnce(_ index: Int) async {
        slots[index]?.state = .starting
        guard let device = slots[index]?.device else { return }
        if joinsFullDevice(device) {
            await waitForQuiet(whileFull: device)
            guard !Task.isCancelled else { return }
        }
        let process: F5WorkerProcess
        do {
            process = try F5WorkerProcess(command: settings.command.forDevice(device), index: index, logger: logger)
        } catch {
            slots[index]?.lastError = "cannot start \(settings.command.python.path): \(error)"
            logger.error("F5 worker could not start", metadata: ["worker": "\(index)", "error": "\(error)"])
            return
        }
        let connection = F5WorkerConnection(process: process)
        slots[index]?.connection = connection
        enum Ended { case connection, service }
        await withTaskGroup(of: Ended.self) { group in
            group.addTask {
                let reason = await connection.run()
                await self.lost(index, connection: connection, reason: reason)
                return .connection
            }
            group.addTask {
                await self.serve(index, connection: connection)
                return .service
            }
            // Whichever ends first (the worker exited, or startup/health failed or shutdown began) ends the other.
            let first = await group.next()
            // A dead worker: wake the health loop now instead of after its sleep, so the restart starts at once.
            if first == .connection { group.cancelAll() }
            // A hung or failed one: out of service now (its standby takes over), not only once `stop` has killed it.
            if first == .service, !Task.isCancelled {
                await self.retire(index, reason: SynthesisError(.unavailable, "F5 worker \(index) stopped answering; it is being restarted"))
            }
            await self.stop(connection)
            await group.waitForAll()
        }
        slots[index]?.connection = nil
    }

    /// Handshake, then health pings until cancelled or the worker misbehaves (and, for a worker prepared cold, its
    /// warm-up in the engine's quiet moments meanwhile).
    private func serve(_ index: Int, connection: F5WorkerConnection) async {
        let warmedUp: Bool
        do {
            warmedUp = try await handshake(index, connection: connection)
        } catch {
            if !Task.isCancelled {
                slots[index]?.lastError = "\(error)"
                logger.error("F5 worker failed to start", metadata: ["worker": "\(index)", "error": "\(error)"])
            }
            return
        }
        slots[index]?.hasBeenReady = true
        slots[index]?.lastError = nil
        guard let device = slots[index]?.device else { return }
        if servingCount(on: device) < settings.workersPerDevice {
            await startServing(index, connection: connection)
            await decideStandby(on: device, asking: connection, worker: index)
        } else {
            slots[index]?.state = .standby
            logger.info("F5 worker ready as standby", metadata: ["worker": "\(index)", "pid": "\(connection.process.pid)", "device": "\(device)"])
            observer?(.standbyReady(worker: index, pid: connection.process.pid))
        }
        let warming = warmedUp ? nil : Task { await self.warmWhenQuiet(index, connection: connection) }
        defer { warming?.cancel() }
        while (try? await Task.sleep(for: settings.healthInterval)) != nil {
            guard await connection.isIdle else { continue }
            do {
                _ = try await connection.call(timeout: settings.requestTimeout) { F5StatsRequest(id: $0) }
            } catch {
                // A worker that already exited is reported by `lost`; only a live one failed the check.
                if !connection.process.hasExited {
                    logger.warning("F5 worker failed its health check", metadata: ["worker": "\(index)", "error": "\(error)"])
                }
                return
            }
        }
    }

    /// Hello, load, every voice; returns whether the voices were warmed up (not for a worker joining a full device,
    /// whose model load also waits for a quiet moment).
    private func handshake(_ index: Int, connection: F5WorkerConnection) async throws -> Bool {
        let timeout = settings.startupTimeout
        let hello = try await connection.call(timeout: timeout) { F5HelloRequest(id: $0) }
        guard case .ready(let helloReply) = hello else { throw SynthesisError(.modelLoadFailed, "unexpected hello reply \(hello)") }
        guard helloReply.protocol == F5ProtocolLimits.version else {
            let spoken = helloReply.protocol.map { "protocol \($0)" } ?? "no protocol version"
            throw SynthesisError(.modelLoadFailed, "F5 worker speaks \(spoken); this server speaks protocol \(F5ProtocolLimits.version)")
        }
        slots[index]?.hello = helloReply
        logger.info(
            "F5 worker said hello",
            metadata: [
                "worker": "\(index)", "python": "\(helloReply.python ?? "?")", "torch": "\(helloReply.torch ?? "?")",
                "device": "\(helloReply.device ?? "?")", "device_name": "\(helloReply.deviceName ?? "?")",
            ]
        )
        var model = settings.model
        model.device = slots[index]?.device ?? model.device
        if joinsFullDevice(model.device) { await waitForQuiet(whileFull: model.device) }
        // Decided after the wait: a serving worker that died meanwhile makes this one serve, warmed up at once.
        let warmsUp = !joinsFullDevice(model.device)
        let loaded = try await connection.call(timeout: timeout) { F5LoadRequest(id: $0, model: model) }
        if case .ready(let reply) = loaded, let echo = reply.model {
            logger.info(
                "F5 model loaded",
                metadata: [
                    "worker": "\(index)", "mode": "\(echo.mode ?? "?")", "config": "\(echo.config ?? "?")",
                    "dtype": "\(echo.dtype ?? "?")", "device": "\(echo.device ?? "?")", "params_m": "\(echo.paramsM.map { "\($0)" } ?? "?")",
                    "load_s": "\(echo.loadS.map { "\($0)" } ?? "?")",
                ]
            )
        }
        // By index: voices added by `ensureVoice` while this runs are prepared too.
        var prepared = 0
        while prepared < voices.count {
            let voice = voices[prepared]
            _ = try await connection.call(payload: voice.samples, timeout: timeout) {
                F5PrepareVoiceRequest(id: $0, voiceID: voice.id, warmDurations: warmsUp ? voice.warmDurations : [])
            }
            prepared += 1
        }
        return warmsUp
    }

    // MARK: Keeping out of the serving workers' way

    /// Whether a worker starting on `device` would join a full complement of serving workers (as the standby).
    private func joinsFullDevice(_ device: String) -> Bool {
        servingCount(on: device) >= settings.workersPerDevice
    }

    /// Returns once the engine has had nothing queued or running for `quietPeriod`, or `quietWaitLimit` has passed
    /// (a spare matters more than a few slower lines of a chat that never pauses), or `device` (when given) no longer
    /// has its serving workers (the waiting worker is needed now), or the task is cancelled.
    private func waitForQuiet(whileFull device: String? = nil) async {
        let period = settings.quietPeriod
        let giveUp = ContinuousClock.now + settings.quietWaitLimit
        while !Task.isCancelled, ContinuousClock.now < giveUp {
            if let device, !joinsFullDevice(device) { return }
            guard let since = await dispatcher.quietSince() else {
                _ = try? await Task.sleep(for: max(period, .milliseconds(50)))  // busy: look again later
                continue
            }
            if ContinuousClock.now - since >= period { return }
            _ = try? await Task.sleep(until: min(since + period, giveUp), clock: .continuous)
        }
    }

    /// The warm-up ``handshake(_:connection:)`` skipped: one `warm` per likely duration of every voice, each after a
    /// quiet moment, so a chat line arriving meanwhile waits for at most one capture. A failed step ends the warm-up
    /// (the health check deals with a broken worker; an unwarmed one still serves, capturing on first use).
    private func warmWhenQuiet(_ index: Int, connection: F5WorkerConnection) async {
        var captured = 0
        var warmed = 0
        while warmed < voices.count {  // by index: voices added meanwhile are warmed too
            let voice = voices[warmed]
            warmed += 1
            for duration in voice.warmDurations {
                await waitForQuiet()
                guard !Task.isCancelled else { return }
                do {
                    let reply = try await connection.call(timeout: settings.requestTimeout) {
                        F5WarmRequest(id: $0, voiceID: voice.id, durations: [duration])
                    }
                    if case .ready(let ready) = reply { captured += ready.graphsCaptured ?? 0 }
                } catch {
                    // A worker that died is reported by `lost`; only a live one's failed step is news.
                    if !Task.isCancelled && !connection.process.hasExited {
                        logger.warning("F5 worker warm-up stopped", metadata: ["worker": "\(index)", "error": "\(error)"])
                    }
                    return
                }
            }
        }
        logger.info("F5 worker warmed up", metadata: ["worker": "\(index)", "graphs": "\(captured)"])
        observer?(.workerWarmed(worker: index, graphs: captured))
    }

    /// Makes `voice` known to every worker, now and after restarts (a no-op for a known id).
    ///
    /// Returns once every ready worker has it. Concurrent callers for the same id share one preparation; a failed
    /// preparation is forgotten, so the next caller tries again.
    public func ensureVoice(_ voice: F5WorkerVoice) async throws {
        guard !voices.contains(where: { $0.id == voice.id }) else { return }
        let preparation: Task<Void, any Error>
        if let inFlight = preparing[voice.id] {
            preparation = inFlight
        } else {
            preparation = Task { try await self.prepareEverywhere(voice) }
            preparing[voice.id] = preparation
        }
        try await preparation.value
    }

    /// Sends `voice` to every worker even when a voice of its id is known: its reference changed (a worker keeps one
    /// reference per id, so the new one replaces the old).
    public func replaceVoice(_ voice: F5WorkerVoice) async throws {
        voices.removeAll { $0.id == voice.id }
        try await ensureVoice(voice)
    }

    /// Forgets that voices whose id starts with `prefix` are prepared, so ``ensureVoice(_:)`` sends them again.
    public func forgetVoices(withPrefix prefix: String) {
        voices.removeAll { $0.id.hasPrefix(prefix) }
    }

    /// Sends `voice` to every ready worker (including ones that become ready meanwhile), then records it as known.
    private func prepareEverywhere(_ voice: F5WorkerVoice) async throws {
        defer { preparing[voice.id] = nil }
        var done: Set<ObjectIdentifier> = []
        // Recording the voice happens without a suspension after the last check, so a worker finishing its handshake
        // either was covered here or sees the voice in `voices`.
        while let slot = slots.values.first(where: { slot in
            (slot.state == .ready || slot.state == .standby) && slot.connection.map { !done.contains(ObjectIdentifier($0)) } == true
        }), let connection = slot.connection {
            done.insert(ObjectIdentifier(connection))
            do {
                _ = try await connection.call(payload: voice.samples, timeout: settings.requestTimeout) {
                    F5PrepareVoiceRequest(id: $0, voiceID: voice.id)
                }
            } catch  where slot.state == .standby {
                // A standby that cannot take the voice is restarted (its handshake prepares every voice) rather than
                // failing a voice every serving worker has.
                logger.warning("F5 standby worker failed to prepare a voice; restarting it", metadata: ["voice": "\(voice.id)", "error": "\(error)"])
                connection.process.kill()
            }
        }
        voices.append(voice)
    }

    private func lost(_ index: Int, connection: F5WorkerConnection, reason: SynthesisError) async {
        if Task.isCancelled {
            logger.info("F5 worker stopped", metadata: ["worker": "\(index)", "reason": "\(reason.message)"])
        } else {
            logger.warning("F5 worker lost", metadata: ["worker": "\(index)", "reason": "\(reason.message)"])
        }
        observer?(.workerLost(worker: index, reason: reason.message))
        await retire(index, reason: reason)
    }

    /// Takes worker `index` out of service (a no-op the second time): a serving one's requests fail with `reason` and
    /// its device's standby takes its place. An earlier error (a failed handshake's) is kept as the slot's last error.
    private func retire(_ index: Int, reason: SynthesisError) async {
        guard let state = slots[index]?.state, state != .restarting, state != .stopped else { return }
        if slots[index]?.lastError == nil { slots[index]?.lastError = reason.message }
        slots[index]?.state = .restarting
        guard state == .ready else { return }
        await dispatcher.workerLost(index, error: reason)
        if !Task.isCancelled, let device = slots[index]?.device { await promoteStandby(on: device, replacing: index) }
    }

    // MARK: Roles

    /// Serving workers on `device`.
    private func servingCount(on device: String) -> Int {
        slots.values.filter { $0.device == device && $0.state == .ready }.count
    }

    /// Hands worker `index` to the dispatcher and wakes ``waitUntilReady()`` callers.
    private func startServing(_ index: Int, connection: F5WorkerConnection) async {
        slots[index]?.state = .ready
        logger.info("F5 worker ready", metadata: ["worker": "\(index)", "pid": "\(connection.process.pid)"])
        observer?(.workerReady(worker: index, pid: connection.process.pid))
        let waiters = readyWaiters
        readyWaiters = []
        for waiter in waiters { waiter.resume() }
        await dispatcher.workerReady(index, connection: connection)
    }

    /// A serving worker of `device` died: its standby, if one is ready, serves in its place now.
    private func promoteStandby(on device: String, replacing lostIndex: Int) async {
        guard
            let (index, slot) = slots.first(where: { entry in
                entry.value.device == device && entry.value.state == .standby && entry.value.connection?.process.hasExited == false
            }),
            let connection = slot.connection
        else { return }
        logger.warning("F5 standby worker takes over", metadata: ["worker": "\(index)", "replacing": "\(lostIndex)", "device": "\(device)"])
        observer?(.standbyPromoted(worker: index, replacing: lostIndex))
        await startServing(index, connection: connection)
    }

    /// Once per device, after its first worker is ready and warmed: adds a standby slot when the policy says so
    /// (``F5StandbyPolicy/auto`` asks the ready worker how much device memory it needed and what is still free).
    private func decideStandby(on device: String, asking connection: F5WorkerConnection, worker index: Int) async {
        // Once every serving worker of the device is loaded, so the free memory measured is what a standby would get.
        guard settings.standby != .off, !standbyDecided.contains(device), !Task.isCancelled,
            servingCount(on: device) >= settings.workersPerDevice
        else { return }
        standbyDecided.insert(device)
        if settings.standby == .auto {
            let stats: F5StatsReply
            do {
                stats = try await askStats(connection, worker: index)
            } catch {
                // Decided again when the device's next worker is ready (this one may be dying).
                standbyDecided.remove(device)
                logger.warning(
                    "F5 standby not decided yet: the ready worker did not answer stats",
                    metadata: ["device": "\(device)", "error": "\(error)"]
                )
                return
            }
            guard F5StandbyPolicy.fits(stats) == true else {
                logger.info(
                    "F5 standby not started: not enough device memory (or not a CUDA device)",
                    metadata: [
                        "device": "\(device)", "free_mb": "\(stats.deviceFreeMB.map { "\($0)" } ?? "-")",
                        "peak_mb": "\(stats.devicePeakMB.map { "\($0)" } ?? "-")",
                    ]
                )
                observer?(.standbySkipped(device: device))
                return
            }
        }
        let standbyIndex = (slots.keys.max() ?? -1) + 1
        slots[standbyIndex] = Slot(device: device)
        logger.info("F5 standby worker starting", metadata: ["worker": "\(standbyIndex)", "device": "\(device)"])
        slotStarts?.yield(standbyIndex)
    }

    /// Asks the worker to shut down, then terminates and finally kills it if it lingers.
    private func stop(_ connection: F5WorkerConnection) async {
        let process = connection.process
        guard !process.hasExited else { return }
        let exited = Task { await process.waitForExit() }
        let grace = Task {
            _ = try? await connection.call(timeout: .seconds(5)) { F5ShutdownRequest(id: $0) }
            process.closeInput()
            try? await Task.sleep(for: .seconds(5))
            process.terminate()
            try? await Task.sleep(for: .seconds(5))
            process.kill()
        }
        _ = await exited.value
        grace.cancel()
    }
}
