#define _GNU_SOURCE
#include "crash_cleanup.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Fixed tables, so the signal handler allocates nothing and takes no lock:
   a slot is published by storing its descriptor (or group) last, and
   retired by storing -1 / 0 first. */
enum { directory_capacity = 32, group_capacity = 64 };

typedef struct {
    volatile int descriptor;
    char path[PATH_MAX];
    dev_t device;
    ino_t inode;
} tracked_directory;

static tracked_directory directories[directory_capacity] = {[0 ... directory_capacity - 1] = {.descriptor = -1}};
static volatile pid_t groups[group_capacity];
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int cleaned;

int hot_crash_cleanup_add_directory(int descriptor, const char *path) {
    struct stat status;
    if (strlen(path) >= PATH_MAX || fstat(descriptor, &status) != 0) return -1;
    int added = -1;
    pthread_mutex_lock(&registry_lock);
    for (int index = 0; index < directory_capacity; index++) {
        if (directories[index].descriptor >= 0) continue;
        strcpy(directories[index].path, path);
        directories[index].device = status.st_dev;
        directories[index].inode = status.st_ino;
        __atomic_store_n(&directories[index].descriptor, descriptor, __ATOMIC_RELEASE);
        added = 0;
        break;
    }
    pthread_mutex_unlock(&registry_lock);
    return added;
}

void hot_crash_cleanup_remove_directory(int descriptor) {
    pthread_mutex_lock(&registry_lock);
    for (int index = 0; index < directory_capacity; index++) {
        if (directories[index].descriptor == descriptor) __atomic_store_n(&directories[index].descriptor, -1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&registry_lock);
}

int hot_crash_cleanup_add_group(pid_t group) {
    int added = -1;
    pthread_mutex_lock(&registry_lock);
    for (int index = 0; index < group_capacity; index++) {
        if (groups[index] != 0) continue;
        __atomic_store_n(&groups[index], group, __ATOMIC_RELEASE);
        added = 0;
        break;
    }
    pthread_mutex_unlock(&registry_lock);
    return added;
}

void hot_crash_cleanup_remove_group(pid_t group) {
    pthread_mutex_lock(&registry_lock);
    for (int index = 0; index < group_capacity; index++) {
        if (groups[index] == group) __atomic_store_n(&groups[index], 0, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&registry_lock);
}

/* Unlinks every entry of the directory read with getdents64 (opendir
   allocates, so it is not safe here); deleting while reading may skip
   entries, so it reads again until a pass finds nothing. */
static void empty_directory(int descriptor) {
    char buffer[4096] __attribute__((aligned(8)));
    for (int pass = 0; pass < 16; pass++) {
        int removed = 0;
        lseek(descriptor, 0, SEEK_SET);
        long length;
        while ((length = syscall(SYS_getdents64, descriptor, buffer, sizeof buffer)) > 0) {
            for (long offset = 0; offset < length;) {
                struct dirent64 *entry = (struct dirent64 *)(buffer + offset);
                offset += entry->d_reclen;
                const char *name = entry->d_name;
                if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
                if (unlinkat(descriptor, name, 0) == 0) removed++;
            }
        }
        if (removed == 0) return;
    }
}

void hot_crash_cleanup_run(void) {
    if (__atomic_exchange_n(&cleaned, 1, __ATOMIC_ACQ_REL)) return;
    for (int index = 0; index < group_capacity; index++) {
        pid_t group = __atomic_load_n(&groups[index], __ATOMIC_ACQUIRE);
        if (group > 0) kill(-group, SIGKILL);
    }
    for (int index = 0; index < directory_capacity; index++) {
        int descriptor = __atomic_load_n(&directories[index].descriptor, __ATOMIC_ACQUIRE);
        if (descriptor < 0) continue;
        empty_directory(descriptor);
        struct stat status;
        /* A folder put in its place is not ours to remove. */
        if (lstat(directories[index].path, &status) == 0 && S_ISDIR(status.st_mode)
            && status.st_dev == directories[index].device && status.st_ino == directories[index].inode) {
            rmdir(directories[index].path);
        }
    }
}
