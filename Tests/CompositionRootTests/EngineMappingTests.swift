import CompositionRoot
import F5Engine
import Settings
import Speech
import SpeechCore
import Testing

/// The composition root turns configuration values into each engine's own settings and admission.
@Suite struct EngineMappingTests {
    @Test func f5ValuesBecomeTheEngineAndPoolSettings() {
        let f5 = F5Settings(
            enabled: true,
            mode: .randomInit,
            modelConfig: .tiny,
            devices: ["cpu", "cuda:1"],
            workersPerDevice: 2,
            dtype: .fp32,
            cudaGraphs: false,
            defaultNFE: 16,
            batchWindowMilliseconds: 0,
            maxBatch: 4,
            requestTimeoutSeconds: 5
        )
        let settings = f5.engineSettings()
        #expect(settings.pool.workerCount == 4)
        #expect(settings.pool.requestTimeout == .seconds(5))
        #expect(settings.defaultNFEStep == 16)
        #expect(settings.maxBatch == 4)
        #expect(settings.batchWindow == .zero)
        #expect(settings.pool.model == F5ModelSpec(mode: "random-init", config: "tiny", device: "cpu", dtype: "fp32", cudaGraphs: false, maxBatch: 4))
        #expect(settings.pool.standby == .auto)
    }

    @Test func eachEngineAdmitsWhatItCanUse() {
        var configuration = ServerConfiguration()
        // The CPU voice: one synthesis per `num_threads` cores.
        #expect(configuration.engineAdmission(cores: 2)[.piper] == EngineAdmission(maxParallel: 1, maxWaiting: 16))
        #expect(configuration.engineAdmission(cores: 16)[.piper] == EngineAdmission(maxParallel: 8, maxWaiting: 128))
        // F5: two full batches per worker, however many the CPU voice admits.
        configuration.f5.devices = ["cuda:0", "cuda:1"]
        #expect(configuration.engineAdmission(cores: 2)[.f5] == EngineAdmission(maxParallel: 64, maxWaiting: 1024))
        // Configured values win.
        configuration.piper.maxParallel = 3
        configuration.f5.maxParallel = 5
        #expect(configuration.engineAdmission(cores: 2)[.piper]?.maxParallel == 3)
        #expect(configuration.engineAdmission(cores: 2)[.f5]?.maxParallel == 5)
    }
}
