#ifndef VAIS_HOT_EXIT_SIGNALS_H
#define VAIS_HOT_EXIT_SIGNALS_H

/// Makes SIGINT, SIGTERM and SIGHUP write their number (one byte) to
/// `descriptor` instead of ending the process, and unblocks them in the
/// calling thread. The handler only writes: whoever reads the byte cleans
/// up, outside the handler, then calls `hot_exit_signal_reraise`.
/// Returns 0, or -1 with errno set.
int hot_exit_signals_forward(int descriptor);

/// Restores the default action of `signal` and raises it, so the process
/// ends as the signal would have ended it (a shell sees 128 + signal).
void hot_exit_signal_reraise(int signal);

#endif
