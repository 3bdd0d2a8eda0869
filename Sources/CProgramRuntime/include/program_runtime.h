#ifndef VAIS_PROGRAM_RUNTIME_H
#define VAIS_PROGRAM_RUNTIME_H

/// The C functions of the original Vais compiler's runtime that Vais
/// programs declare and call by name (`X F __mutex_create() -> i64`). Every
/// program vais-hot builds or hosts is linked with them (see
/// docs/LANGUAGE.md, "The original's runtime functions"). The ABI is the
/// original's: a `str` is a pointer to NUL-terminated bytes, a handle or an
/// address is an `i64` (`long`), and each function gives an `i64`. Every
/// definition is weak, so a definition of the same name from anywhere else
/// wins. Nothing here is called from Swift: this header documents the set.

// Text (strings.c)
long print_str(const char *text);
long __strlen(const char *text);
long __str_eq(const char *a, const char *b);
long __str_eq_ignore_case(const char *a, const char *b);
long __str_copy_to(long destination, const char *text);
long __i64_to_str(long destination, long value);

// Memory (memory.c)
long __malloc(long size);
long __free(long address);
long __memcpy(long destination, long source, long count);

// URLs and HTTP headers (url.c)
const char *__parse_url_host(const char *url);
long __parse_url_port(const char *url);
const char *__parse_url_path(const char *url);
long __find_header_end(long buffer, long length);

// Locks (locks.c)
long __mutex_create(void);
long __mutex_lock(long mutex);
long __mutex_try_lock(long mutex);
long __mutex_unlock(long mutex);
long __mutex_destroy(long mutex);
long __rwlock_create(void);
long __rwlock_read_lock(long lock);
long __rwlock_try_read_lock(long lock);
long __rwlock_read_unlock(long lock);
long __rwlock_write_lock(long lock);
long __rwlock_try_write_lock(long lock);
long __rwlock_write_unlock(long lock);
long __rwlock_destroy(long lock);
long __condvar_create(void);
long __condvar_wait(long condvar, long mutex);
long __condvar_signal(long condvar);
long __condvar_broadcast(long condvar);
long __condvar_destroy(long condvar);

// Barriers, semaphores, once (coordination.c)
long __barrier_create(long count);
long __barrier_wait(long barrier);
long __barrier_destroy(long barrier);
long __semaphore_create(long permits);
long __semaphore_wait(long semaphore);
long __semaphore_try_wait(long semaphore);
long __semaphore_post(long semaphore);
long __semaphore_destroy(long semaphore);
long __once_create(void);
long __once_call(long once, long (*function)(void));
long __cpu_pause(void);

// Threads and atomics (threads.c)
long __thread_spawn(long (*function)(long), long argument, long result_address);
long __thread_join(long thread);
long __thread_yield(void);
long __thread_sleep_ms(long milliseconds);
long __atomic_load_i64(long address);
long __atomic_store_i64(long address, long value);
long __atomic_fetch_add_i64(long address, long value);
long __atomic_compare_exchange_i64(long address, long expected, long desired);

#endif
