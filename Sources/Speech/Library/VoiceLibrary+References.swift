import AudioIO
public import Foundation
import Logging
public import SpeechCore
import Storage
import Synchronization

/// What a cloned voice conditions on, as the original iShowTTS's `GET /api/voices/{id}/reference` reports it.
public struct VoiceReference: Sendable, Equatable {
    public let voice: Voice
    /// The transcript in use.
    public let activeText: String?
    /// The transcript of the configured (or uploaded) clip.
    public let baselineText: String?
    /// The transcript an override set, if any.
    public let overrideText: String?
    public let baselineAudioAvailable: Bool
    public let overrideAudioAvailable: Bool
    public let overrideUpdatedAt: Date?
}

/// Which clip `GET /api/voices/{id}/reference/audio` sends.
public enum ReferenceSource: String, Sendable {
    /// The clip from the configuration, or uploaded when the voice was cloned.
    case baseline
    /// The clip an override set.
    case override
}

extension VoiceLibrary {
    /// Voice `id`'s reference: baseline, override and what is in use.
    public func reference(_ id: String) throws(VoiceLibraryError) -> VoiceReference {
        let voice = try self.voice(id).voice
        let baseline = baselineReference(id)
        let override = overrides.withLock { $0[id] }
        return VoiceReference(
            voice: voice,
            activeText: voice.referenceText,
            baselineText: baseline?.referenceText,
            overrideText: override?.referenceText,
            baselineAudioAvailable: baseline.map { FileManager.default.fileExists(atPath: $0.referenceAudio.path) } ?? false,
            overrideAudioAvailable: override?.audioFile.map { FileManager.default.fileExists(atPath: overrideFile($0).path) } ?? false,
            overrideUpdatedAt: override?.updatedAt
        )
    }

    /// Replaces voice `id`'s clip, transcript or both (what is not sent keeps its override, else its baseline); a new
    /// clip without a transcript is transcribed when a transcriber is configured, else the transcript is required.
    public func setReference(_ id: String, text: String?, audio: Data?) async throws(VoiceLibraryError) -> VoiceReference {
        let newText = try text.flatMap { (value: String) throws(VoiceLibraryError) -> String? in
            value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : try checkedReferenceText(value)
        }
        guard newText != nil || audio != nil else {
            throw VoiceLibraryError(.invalidField, "send a new reference clip (audio), its transcript (text), or both", field: "audio")
        }
        try await exclusively(id) { () throws(VoiceLibraryError) in
            guard let baseline = baselineReference(id), let engine = engine(of: id) else { throw noReference(id) }
            var override = overrides.withLock { $0[id] } ?? StoredOverride(voiceID: id, referenceText: nil, audioFile: nil, updatedAt: Date())
            let previous = override
            let staging = overridesDirectory.appendingPathComponent(".new-\(UUID().uuidString)", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: staging) }
            var clip = override.audioFile.map(overrideFile) ?? baseline.referenceAudio
            if let audio {
                let format = try await checkedClip(audio)
                let name = "override.\(format.rawValue)"
                do {
                    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
                    try audio.write(to: staging.appendingPathComponent(name))
                } catch {
                    throw VoiceLibraryError(.storage, "cannot write the clip: \(error)")
                }
                clip = staging.appendingPathComponent(name)
                override.audioFile = "\(id)/\(name)"
                if newText == nil { override.referenceText = try await transcript(of: clip, language: baseline.language) }
            }
            if let newText { override.referenceText = newText }
            override.updatedAt = Date()
            let cloned = try await add(
                id: id,
                text: override.referenceText ?? baseline.referenceText,
                language: baseline.language,
                languages: baseline.languages,
                clip: clip,
                to: engine
            )
            do {
                if audio != nil {
                    let final = overridesDirectory.appendingPathComponent(id, isDirectory: true)
                    try? FileManager.default.removeItem(at: final)
                    try FileManager.default.moveItem(at: staging, to: final)
                }
                try await store.saveVoiceOverride(override)
            } catch {
                throw VoiceLibraryError(.storage, "cannot store the override of voice '\(id)': \(error)")
            }
            overrides.withLock { $0[id] = override }
            catalog.update(cloned.voice)
            logger.info(
                "voice reference overridden",
                metadata: ["voice": "\(id)", "had_override": "\(previous.audioFile != nil || previous.referenceText != nil)"]
            )
        }
        return try reference(id)
    }

    /// Drops voice `id`'s override and speaks with its baseline again.
    public func clearReference(_ id: String) async throws(VoiceLibraryError) -> VoiceReference {
        try await exclusively(id) { () throws(VoiceLibraryError) in
            guard baselineReference(id) != nil, engine(of: id) != nil else { throw noReference(id) }
            do {
                try await store.deleteVoiceOverride(id)
            } catch {
                throw VoiceLibraryError(.storage, "cannot delete the override of voice '\(id)': \(error)")
            }
            overrides.withLock { $0[id] = nil }
            try? FileManager.default.removeItem(at: overridesDirectory.appendingPathComponent(id, isDirectory: true))
            try await reapply(id)
        }
        return try reference(id)
    }

    /// The file of voice `id`'s baseline or override clip and its content type.
    public func referenceAudio(_ id: String, source: ReferenceSource) throws(VoiceLibraryError) -> (url: URL, contentType: String) {
        _ = try voice(id)
        let url: URL?
        switch source {
        case .baseline: url = baselineReference(id)?.referenceAudio
        case .override: url = overrides.withLock { $0[id]?.audioFile }.map(overrideFile)
        }
        guard let url, let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw VoiceLibraryError(.notFound, "voice '\(id)' has no \(source.rawValue) reference clip")
        }
        return (url, StoredClipFormat(sniffing: data)?.contentType ?? "application/octet-stream")
    }

    // MARK: Shared steps

    /// The clip and transcript voice `id` conditions on: its override over its baseline.
    func effectiveReference(_ id: String) throws(VoiceLibraryError) -> ClonedVoiceDefinition {
        guard var definition = baselineReference(id) else { throw noReference(id) }
        if let override = overrides.withLock({ $0[id] }) {
            if let audio = override.audioFile { definition.referenceAudio = overrideFile(audio) }
            if let text = override.referenceText { definition.referenceText = text }
        }
        return definition
    }

    /// Gives voice `id`'s engine its current reference (after an override changed or a transcript was edited).
    func reapply(_ id: String) async throws(VoiceLibraryError) {
        guard let engine = engine(of: id) else { throw noReference(id) }
        let definition = try effectiveReference(id)
        let cloned = try await add(
            id: id,
            text: definition.referenceText,
            language: definition.language,
            languages: definition.languages,
            clip: definition.referenceAudio,
            to: engine
        )
        catalog.update(cloned.voice)
    }

    /// The clip and transcript voice `id` was defined with: its upload, or the configuration's.
    private func baselineReference(_ id: String) -> ClonedVoiceDefinition? {
        if let record = records.withLock({ $0[id] }) {
            return ClonedVoiceDefinition(
                id: id,
                referenceAudio: file(record.originalFile),
                referenceText: record.referenceText,
                language: record.language
            )
        }
        return configuredReferences[id]
    }

    private func engine(of id: String) -> (any VoiceCloningEngine)? {
        guard let engine = try? catalog.require(id).engine.id else { return nil }
        return catalog.cloningEngine(engine)
    }

    private func overrideFile(_ relativePath: String) -> URL { overridesDirectory.appendingPathComponent(relativePath) }

    private func noReference(_ id: String) -> VoiceLibraryError {
        guard (try? catalog.require(id)) != nil else { return VoiceLibraryError(.notFound, "no voice '\(id)'") }
        return VoiceLibraryError(.engineCannotClone, "voice '\(id)' is not a cloned voice: it has no reference clip", field: "voice_id")
    }
}
