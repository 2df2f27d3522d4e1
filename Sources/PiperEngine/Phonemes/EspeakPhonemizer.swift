import CEspeakNG
import Foundation
public import SpeechCore
import Synchronization
import TextPrep

/// Turns a sentence into IPA phonemes with espeak-ng's C API, the way piper does.
///
/// espeak-ng keeps its state in process globals and is not thread-safe, so there is exactly one
/// phonemizer, ``shared``, and every call into espeak holds its lock. espeak is initialised on first use;
/// it finds its data at its default location or at `ESPEAK_DATA_PATH`.
///
/// ```swift
/// let phonemes = try EspeakPhonemizer.shared.phonemize("Hello, world!", voice: "en-us")  // "həlˈoʊ, wˈɜːld!"
/// ```
public final class EspeakPhonemizer: Sendable {
    /// The one phonemizer of this process.
    public static let shared = EspeakPhonemizer()

    private struct State: ~Copyable {
        var initialized = false
        var voice: String?
    }

    private let state = Mutex(State())

    private init() {}

    /// The phonemes of `sentence` spoken by the espeak voice `voice`, with piper's clause punctuation.
    ///
    /// Phonemes are in Unicode NFD (as piper feeds its models); `""` when nothing is speakable.
    public func phonemize(_ sentence: String, voice: String) throws(SynthesisError) -> String {
        let clauses = SentenceClauses(sentence).clauses
        let output = try state.withLock { (state) throws(SynthesisError) -> String in
            try Self.prepare(&state, voice: voice)
            var output = ""
            for (index, clause) in clauses.enumerated() {
                let phonemes = Self.phonemes(of: clause.text)
                if !phonemes.isEmpty {
                    output += phonemes + clause.punctuation
                } else if index == clauses.count - 1, !output.isEmpty {
                    // "Hello," ends a sentence: the sentence's end replaces the dangling comma.
                    while let last = output.last, last == " " || Punctuation.clauseMarks[last] != nil { output.removeLast() }
                    output += clause.punctuation
                }
            }
            return output
        }
        return output.trimmingCharacters(in: .whitespaces).decomposedStringWithCanonicalMapping
    }

    /// Initialises espeak once and selects `voice` unless it is already selected. Call with the lock held.
    private static func prepare(_ state: inout State, voice: String) throws(SynthesisError) {
        if !state.initialized {
            // DONT_EXIT: without it espeak calls exit() when its data is missing.
            let sampleRate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, espeakINITIALIZE_DONT_EXIT)
            guard sampleRate > 0 else {
                throw SynthesisError(.engineFailure, "espeak-ng failed to initialise (is espeak-ng-data installed?)")
            }
            state.initialized = true
        }
        guard state.voice != voice else { return }
        let status = voice.withCString { espeak_SetVoiceByName($0) }
        guard status == EE_OK else {
            state.voice = nil
            throw SynthesisError(.engineFailure, "espeak-ng has no voice '\(voice)' (error \(status.rawValue))")
        }
        state.voice = voice
    }

    /// espeak's IPA for one clause (it may still cut the clause, e.g. after "Mr."; the parts join with a space).
    private static func phonemes(of text: String) -> String {
        var parts: [String] = []
        text.withCString { base in
            var cursor: UnsafeRawPointer? = UnsafeRawPointer(base)
            // espeak advances the cursor by at least one clause per call; the bound only guards against a stuck loop.
            var remainingCalls = text.utf8.count + 1
            while cursor != nil, remainingCalls > 0 {
                remainingCalls -= 1
                guard let phonemes = espeak_TextToPhonemes(&cursor, espeakCHARS_UTF8, Self.ipaPhonemeMode) else { break }
                let part = LanguageSwitchFlags.strip(String(cString: phonemes)).trimmingCharacters(in: .whitespaces)
                if !part.isEmpty { parts.append(part) }
            }
        }
        return parts.joined(separator: " ")
    }

    /// `phonememode` bit 1: IPA as UTF-8 rather than espeak's ASCII names (piper's `espeakPHONEMES_IPA`).
    private static let ipaPhonemeMode: Int32 = 0x02
}
