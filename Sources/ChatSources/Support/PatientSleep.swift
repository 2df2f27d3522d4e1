/// Sleeps `duration` (until cancelled) in steps of at most a minute: waits of hours (the next quota day, the next
/// token check) are no better as one timer, and short timers are what the runtime handles best.
func sleepPatiently(for duration: Duration) async {
    var left = duration
    while left > .zero, !Task.isCancelled {
        let step = min(left, .seconds(60))
        try? await Task.sleep(for: step)
        left -= step
    }
}
