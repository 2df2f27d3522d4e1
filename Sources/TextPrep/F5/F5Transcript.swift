/// The reference transcript as official F5-TTS feeds it to the model.
public enum F5Transcript {
    /// `raw` after `preprocess_ref_audio_text`'s ending rule: unchanged if it ends with ". " or "。",
    /// else " " is added after a final ".", else ". " is added.
    ///
    /// Upstream does not strip the text first, so "Hi " becomes "Hi . "; an empty transcript (upstream would
    /// transcribe the audio instead) becomes ". ". This is the text `infer_process` sizes chunks with.
    public static func preprocessed(_ raw: String) -> String {
        if PythonText.endsWith(raw, ". ") || PythonText.endsWith(raw, "。") { return raw }
        return PythonText.endsWith(raw, ".") ? raw + " " : raw + ". "
    }

    /// The transcript the model is conditioned on: ``preprocessed(_:)`` plus `infer_batch_process`'s extra " "
    /// when the last code point is one UTF-8 byte.
    ///
    /// So "Hello." becomes "Hello.  " with two spaces, exactly as upstream; "你好。" stays as it is.
    public static func referenceText(_ raw: String) -> String {
        let text = preprocessed(raw)
        return PythonText.lastIsOneByte(text) ? text + " " : text
    }
}
