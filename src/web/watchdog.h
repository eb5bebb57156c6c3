/* Telling systemd how the server is: ready once it listens, alive while its own /healthz
 * answers 200, stopping when it stops (deploy/ngoaivu.service has Type=notify and
 * WatchdogSec). Outside systemd (no NOTIFY_SOCKET in the environment) it does nothing. */
#ifndef NGV_WATCHDOG_H
#define NGV_WATCHDOG_H

typedef struct watchdog watchdog;

/* Sends READY=1; when systemd asks for a watchdog (WATCHDOG_USEC, for this process), starts
 * a thread that asks GET /healthz of 127.0.0.1:port every WATCHDOG_USEC/3 and sends
 * WATCHDOG=1 after each 200 (so the server must listen on 127.0.0.1 or on every address).
 * Returns NULL when there is nothing to stop. */
watchdog *watchdog_start(int port);

/* Sends STOPPING=1 and ends the thread without waiting for its next turn. NULL is fine. */
void watchdog_stop(watchdog *w);

#endif
