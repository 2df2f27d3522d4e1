import AudioIO
public import Foundation
public import Logging
public import SpeechCore
public import Storage
import Synchronization
import TextPrep

/// Voices cloned from uploaded clips, kept across restarts: the original upload and the prepared clip under
/// `data_dir/voices/<id>/`, the record in the database, the voice in its engine and in the catalog.
///
/// Changes are crash-safe: a voice's files are written to a temporary folder and moved into place in one rename
/// before its record is saved, so a crash leaves either the old state or the new, never a half-written voice.
/// ```swift
/// let library = VoiceLibrary(catalog: speech.catalog, store: store, directory: dataDirectory.appending(path: "voices"), logger: logger)
/// await library.restore()
/// let clone = try await library.create(VoiceUpload(id: "walter", referenceText: "I am the danger.", audio: clip))
/// ```
public final class VoiceLibrary: Sendable {
    /// The catalog the library's voices join.
    public let catalog: VoiceCatalog
    /// Where voice folders live.
    public let directory: URL
    /// Where reference overrides live (`<id>/override.<ext>`).
    public let overridesDirectory: URL
    /// The configured cloned voices' own clips and transcripts: what an override replaces and a reset restores.
    let configuredReferences: [String: ClonedVoiceDefinition]
    let overrides = Mutex<[String: StoredOverride]>([:])
    /// Limits on uploads.
    public let limits: VoiceUploadLimits
    let store: ChatStore
    let transcriber: (any ClipTranscriber)?
    let logger: Logger
    let records = Mutex<[String: StoredVoice]>([:])
    /// Ids with a change in progress: a second change to the same voice is refused instead of racing.
    private let busy = Mutex<Set<String>>([])

    /// The engine a clone uses when the upload names none.
    public static let defaultEngine = EngineID.f5

    /// Creates the library; call ``restore()`` before serving. With a `transcriber`, a clip uploaded without its
    /// transcript is transcribed (otherwise the transcript is required).
    /// `configuredReferences` are the configured cloned voices' clips and transcripts (their overrides' baselines).
    public init(
        catalog: VoiceCatalog,
        store: ChatStore,
        directory: URL,
        overridesDirectory: URL,
        configuredReferences: [ClonedVoiceDefinition] = [],
        limits: VoiceUploadLimits = VoiceUploadLimits(),
        transcriber: (any ClipTranscriber)? = nil,
        logger: Logger
    ) {
        self.catalog = catalog
        self.store = store
        self.overridesDirectory = overridesDirectory
        self.configuredReferences = Dictionary(configuredReferences.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.transcriber = transcriber
        self.directory = directory
        self.limits = limits
        self.logger = logger
    }

    // MARK: Reading

    /// Every voice of the catalog with its name and source.
    public func list() -> [LibraryVoice] {
        let records = records.withLock { $0 }
        return catalog.voices.map { describe($0, records[$0.id]) }
    }

    /// Voice `id` with its name and source.
    public func voice(_ id: String) throws(VoiceLibraryError) -> LibraryVoice {
        guard let voice = try? catalog.require(id).voice else { throw VoiceLibraryError(.notFound, "no voice '\(id)'") }
        return describe(voice, records.withLock { $0[id] })
    }

    private func describe(_ voice: Voice, _ record: StoredVoice?) -> LibraryVoice {
        let source: LibraryVoice.Source = record != nil ? .library : catalog.isConfigured(voice.id) ? .configuration : .installed
        return LibraryVoice(voice: voice, name: record?.name ?? voice.id, source: source)
    }

    // MARK: Start

    /// Gives every stored voice back to its engine; a voice whose engine is off (F5 disabled) or whose files are gone
    /// stays stored and is logged, not served.
    public func restore() async {
        let stored: [StoredVoice]
        do {
            stored = try await store.libraryVoices()
            let saved = try await store.voiceOverrides()
            overrides.withLock { overrides in for override in saved { overrides[override.voiceID] = override } }
        } catch {
            logger.error("cannot read the voice library", metadata: ["error": "\(error)"])
            return
        }
        for record in stored {
            do {
                try await register(record)
            } catch {
                logger.warning("library voice not available", metadata: ["voice": "\(record.id)", "error": "\(error.message)"])
            }
        }
        // Configured voices with an override speak with it again.
        for id in overrides.withLock({ Array($0.keys) }).sorted() where configuredReferences[id] != nil {
            do {
                try await reapply(id)
            } catch {
                logger.warning("voice override not applied", metadata: ["voice": "\(id)", "error": "\(error.message)"])
            }
        }
        if !stored.isEmpty { logger.info("voice library restored", metadata: ["voices": "\(records.withLock { $0.count })"]) }
    }

    // MARK: Changes

    /// Clones a new voice from `upload`.
    public func create(_ upload: VoiceUpload) async throws(VoiceLibraryError) -> LibraryVoice {
        let id = upload.id
        guard Voice.isValidID(id) else {
            throw VoiceLibraryError(.invalidField, "id must be 1...\(Voice.maxIDLength) of A-Z a-z 0-9 _ . - (got '\(id)')", field: "id")
        }
        let engineID = EngineID(rawValue: (upload.engine ?? Self.defaultEngine.rawValue).lowercased())
        guard let engine = catalog.cloningEngine(engineID) else {
            let reason = catalog.engines.contains { $0.id == engineID } ? "cannot clone a voice from a clip" : "is not enabled here"
            throw VoiceLibraryError(.engineCannotClone, "engine '\(engineID)' \(reason)", field: "engine")
        }
        let givenText = try upload.referenceText.flatMap { (text: String) throws(VoiceLibraryError) -> String? in
            text.trimmingSpaces().isEmpty ? nil : try checkedReferenceText(text)
        }
        if givenText == nil, transcriber == nil { _ = try checkedReferenceText(nil) }  // says what is missing
        let language = try checkedLanguage(upload.language)
        let name = try checkedName(upload.name) ?? id
        try await exclusively(id) { () throws(VoiceLibraryError) in
            guard (try? catalog.require(id)) == nil else {
                throw VoiceLibraryError(.conflict, "voice '\(id)' exists; delete it first or change it with PATCH", field: "id")
            }
            let format = try await checkedClip(upload.audio)
            let staging = directory.appendingPathComponent(".new-\(UUID().uuidString)", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: staging) }
            let original = "original.\(format.rawValue)"
            let prepared = "prepared.wav"
            let cloned: ClonedVoice
            do {
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
                try upload.audio.write(to: staging.appendingPathComponent(original))
            } catch {
                throw VoiceLibraryError(.storage, "cannot write the clip: \(error)")
            }
            let clip = staging.appendingPathComponent(original)
            let text: String
            if let givenText { text = givenText } else { text = try await transcript(of: clip, language: language) }
            cloned = try await add(id: id, text: text, language: language, clip: clip, to: engine)
            let now = Date()
            let record = StoredVoice(
                id: id,
                name: name,
                engine: engineID.rawValue,
                language: language,
                referenceText: text,
                originalFile: "\(id)/\(original)",
                preparedFile: "\(id)/\(prepared)",
                createdAt: now,
                updatedAt: now
            )
            do {
                try AudioEncoder.encode(cloned.preparedClip, as: .wav).write(to: staging.appendingPathComponent(prepared))
                let final = folder(id)
                // A folder without a record is what a crash between the move and the save leaves: not a voice.
                try? FileManager.default.removeItem(at: final)
                try FileManager.default.moveItem(at: staging, to: final)
                try await store.saveLibraryVoice(record)
            } catch {
                await engine.removeVoice(id: id)
                try? FileManager.default.removeItem(at: folder(id))
                throw VoiceLibraryError(.storage, "cannot store voice '\(id)': \(error)")
            }
            try catalogAdd(cloned.voice, engine: engine)
            records.withLock { $0[id] = record }
            logger.info("voice cloned", metadata: ["voice": "\(id)", "engine": "\(engineID)", "seconds": "\(cloned.preparedClip.duration)"])
        }
        return try voice(id)
    }

    /// Changes a library voice's name, language or transcript (a new transcript or language re-clones it from the
    /// stored clip).
    public func update(
        _ id: String,
        name: String?,
        language: String?,
        referenceText: String?
    ) async throws(VoiceLibraryError)
        -> LibraryVoice
    {
        let newName = try checkedName(name)
        let newLanguage = try language.map { (value: String) throws(VoiceLibraryError) in try checkedLanguage(value) }
        let newText = try referenceText.map { (value: String) throws(VoiceLibraryError) in try checkedReferenceText(value) }
        try await exclusively(id) { () throws(VoiceLibraryError) in
            var record = try libraryRecord(id)
            record.name = newName ?? record.name
            let reclone = (newLanguage.map { $0 != record.language } ?? false) || (newText.map { $0 != record.referenceText } ?? false)
            record.language = newLanguage ?? record.language
            record.referenceText = newText ?? record.referenceText
            record.updatedAt = Date()
            if reclone {
                guard let engine = catalog.cloningEngine(EngineID(rawValue: record.engine)) else {
                    throw VoiceLibraryError(.unavailable, "engine '\(record.engine)' is not enabled")
                }
                let cloned = try await add(
                    id: id,
                    text: record.referenceText,
                    language: record.language,
                    clip: file(record.originalFile),
                    to: engine
                )
                try catalogAdd(cloned.voice, engine: engine)
            }
            do {
                try await store.saveLibraryVoice(record)
            } catch {
                throw VoiceLibraryError(.storage, "cannot store voice '\(id)': \(error)")
            }
            records.withLock { $0[id] = record }
        }
        return try voice(id)
    }

    /// Deletes library voice `id` (its record, files, and the voice in its engine and the catalog).
    public func delete(_ id: String) async throws(VoiceLibraryError) {
        try await exclusively(id) { () throws(VoiceLibraryError) in
            let record = try libraryRecord(id)
            catalog.remove(id)
            if let engine = catalog.cloningEngine(EngineID(rawValue: record.engine)) { await engine.removeVoice(id: id) }
            do {
                _ = try await store.deleteLibraryVoice(id)
            } catch {
                throw VoiceLibraryError(.storage, "cannot delete voice '\(id)': \(error)")
            }
            records.withLock { $0[id] = nil }
            try? FileManager.default.removeItem(at: folder(id))
            if overrides.withLock({ $0.removeValue(forKey: id) }) != nil {
                try? await store.deleteVoiceOverride(id)
                try? FileManager.default.removeItem(at: overridesDirectory.appendingPathComponent(id, isDirectory: true))
            }
            logger.info("voice deleted", metadata: ["voice": "\(id)"])
        }
    }

    /// The file of a stored voice (`originalFile` or `preparedFile`), for downloads.
    public func file(_ relativePath: String) -> URL { directory.appendingPathComponent(relativePath) }

    /// The stored record of library voice `id`.
    public func record(_ id: String) -> StoredVoice? { records.withLock { $0[id] } }

    // MARK: Steps

    /// What the transcriber hears in `clip`, checked like a given transcript.
    func transcript(of clip: URL, language: String) async throws(VoiceLibraryError) -> String {
        guard let transcriber else { return try checkedReferenceText(nil) }
        let heard: String
        do {
            heard = try await transcriber.transcribe(clip, language: language)
        } catch {
            throw VoiceLibraryError(.unavailable, "the clip could not be transcribed (\(error)); send reference_text instead")
        }
        guard !heard.trimmingSpaces().isEmpty else {
            throw VoiceLibraryError(.unusableClip, "no speech was heard in the clip", field: "audio")
        }
        logger.info("transcribed a reference clip", metadata: ["characters": "\(heard.count)"])
        return try checkedReferenceText(heard)
    }

    private func register(_ record: StoredVoice) async throws(VoiceLibraryError) {
        guard let engine = catalog.cloningEngine(EngineID(rawValue: record.engine)) else {
            throw VoiceLibraryError(.unavailable, "engine '\(record.engine)' is not enabled")
        }
        records.withLock { $0[record.id] = record }
        let definition = try effectiveReference(record.id)
        let cloned = try await add(
            id: record.id,
            text: definition.referenceText,
            language: definition.language,
            languages: definition.languages,
            clip: definition.referenceAudio,
            to: engine
        )
        try catalogAdd(cloned.voice, engine: engine)
    }

    func add(
        id: String,
        text: String,
        language: String,
        languages: [String]? = nil,
        clip: URL,
        to engine: any VoiceCloningEngine
    ) async throws(VoiceLibraryError)
        -> ClonedVoice
    {
        do {
            return try await engine.addVoice(
                ClonedVoiceDefinition(id: id, referenceAudio: clip, referenceText: text, language: language, languages: languages)
            )
        } catch {
            switch error.code {
            case .unavailable: throw VoiceLibraryError(.unavailable, error.message)
            case .invalidOption, .modelLoadFailed: throw VoiceLibraryError(.unusableClip, error.message, field: "audio")
            default: throw VoiceLibraryError(.unavailable, error.message)
            }
        }
    }

    func catalogAdd(_ voice: Voice, engine: any TTSEngine) throws(VoiceLibraryError) {
        do {
            try catalog.add(voice, engine: engine)
        } catch {
            throw VoiceLibraryError(.conflict, error.message, field: "id")
        }
    }

    private func libraryRecord(_ id: String) throws(VoiceLibraryError) -> StoredVoice {
        if let record = records.withLock({ $0[id] }) { return record }
        if catalog.isConfigured(id) {
            throw VoiceLibraryError(.conflict, "voice '\(id)' comes from the configuration file and cannot be changed here")
        }
        throw VoiceLibraryError(.notFound, "no library voice '\(id)'")
    }

    /// Runs `change` while no other change to `id` runs.
    func exclusively(_ id: String, _ change: () async throws(VoiceLibraryError) -> Void) async throws(VoiceLibraryError) {
        guard busy.withLock({ $0.insert(id).inserted }) else {
            throw VoiceLibraryError(.conflict, "voice '\(id)' is being changed by another request", field: "id")
        }
        defer { _ = busy.withLock { $0.remove(id) } }
        try await change()
    }

    func folder(_ id: String) -> URL { directory.appendingPathComponent(id, isDirectory: true) }

    // MARK: Checks

    /// The clip's container, once it decodes within the limits (decoded off the cooperative pool: a minute of audio is
    /// real CPU work).
    func checkedClip(_ audio: Data) async throws(VoiceLibraryError) -> StoredClipFormat {
        guard let format = StoredClipFormat(sniffing: audio) else {
            throw VoiceLibraryError(
                .unsupportedAudio,
                "the clip is not audio of a supported format (\(StoredClipFormat.supportedList))",
                field: "audio"
            )
        }
        let decoded: PCMBuffer
        let maxSeconds = limits.maxSeconds
        do {
            decoded = try await offCooperativePool { try AudioDecoder(maxSeconds: maxSeconds).decode(audio) }
        } catch let error as AudioIOError where error.code == .tooLong {
            throw VoiceLibraryError(
                .unusableClip,
                "the clip is longer than \(Int(limits.maxSeconds)) s; upload \(Int(limits.minSeconds))–\(Int(limits.maxSeconds)) s (5–12 s is best)",
                field: "audio"
            )
        } catch {
            throw VoiceLibraryError(
                .unsupportedAudio,
                "the clip cannot be decoded (\(error)); supported: \(StoredClipFormat.supportedList)",
                field: "audio"
            )
        }
        guard decoded.duration >= limits.minSeconds else {
            throw VoiceLibraryError(
                .unusableClip,
                "the clip is \(String(format: "%.1f", decoded.duration)) s; upload \(Int(limits.minSeconds))–\(Int(limits.maxSeconds)) s (5–12 s is best)",
                field: "audio"
            )
        }
        return format
    }

    func checkedReferenceText(_ text: String?) throws(VoiceLibraryError) -> String {
        let trimmed = (text ?? "").trimmingSpaces()
        guard !trimmed.isEmpty else {
            throw VoiceLibraryError(
                .transcriptRequired,
                "reference_text is required: give the words spoken in the clip (no transcriber is configured)",
                field: "reference_text"
            )
        }
        guard trimmed.count <= limits.maxReferenceTextCharacters else {
            throw VoiceLibraryError(
                .invalidField,
                "reference_text is longer than \(limits.maxReferenceTextCharacters) characters",
                field: "reference_text"
            )
        }
        return trimmed
    }

    private func checkedLanguage(_ language: String?) throws(VoiceLibraryError) -> String {
        guard let language = language?.trimmingSpaces(), !language.isEmpty else { return "en-US" }
        guard language.count <= 35, language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw VoiceLibraryError(.invalidField, "language must be a BCP 47 tag such as en-US or zh-CN", field: "language")
        }
        return language
    }

    private func checkedName(_ name: String?) throws(VoiceLibraryError) -> String? {
        guard let name = name?.trimmingSpaces(), !name.isEmpty else { return nil }
        guard name.count <= 100 else { throw VoiceLibraryError(.invalidField, "name is longer than 100 characters", field: "name") }
        return name
    }
}
