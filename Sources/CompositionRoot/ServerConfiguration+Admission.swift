public import Settings
public import Speech
public import SpeechCore

extension ServerConfiguration {
    /// How many requests each engine takes at once: the configured `max_parallel`, else what the engine can use.
    ///
    /// The CPU voice runs one synthesis per `num_threads` cores (more only interleave them); the F5 engine admits two
    /// batches' worth per worker, so the batcher always has the next batch ready while one runs.
    public func engineAdmission(cores: Int) -> [EngineID: EngineAdmission] {
        let f5Workers = f5.devices.count * f5.workersPerDevice
        return [
            .piper: EngineAdmission(maxParallel: piper.maxParallel ?? max(1, cores / piper.numThreads)),
            .f5: EngineAdmission(maxParallel: f5.maxParallel ?? 2 * f5.maxBatch * f5Workers),
        ]
    }
}
