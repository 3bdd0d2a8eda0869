#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "exit_signals.h"

static const int exit_signals[] = {SIGINT, SIGTERM, SIGHUP};
static int forward_descriptor = -1;

static void forward(int signal) {
    int saved = errno;
    unsigned char number = (unsigned char)signal;
    (void)write(forward_descriptor, &number, 1);
    errno = saved;
}

int hot_exit_signals_forward(int descriptor) {
    forward_descriptor = descriptor;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = forward;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigset_t unblock;
    sigemptyset(&unblock);
    for (unsigned index = 0; index < sizeof exit_signals / sizeof exit_signals[0]; index++) {
        if (sigaction(exit_signals[index], &action, NULL) != 0) return -1;
        sigaddset(&unblock, exit_signals[index]);
    }
    return pthread_sigmask(SIG_UNBLOCK, &unblock, NULL) == 0 ? 0 : -1;
}

void hot_exit_signal_reraise(int signal) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, signal);
    pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
    raise(signal);
}
