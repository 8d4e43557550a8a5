"""gunicorn for Prensa: `gunicorn -c deploy/gunicorn.conf.py prensa.wsgi:application`.

Two sync workers per two cores: a reader page that is not baked is CPU work (rendering) or
a page-cache hit, never a long wait, so sync workers fit and threads would only contend
for the GIL. Raise PRENSA_WEB_WORKERS with the cores (2-4 per core).
"""

import os

bind = os.environ.get("PRENSA_WEB_BIND", "unix:/run/prensa/gunicorn.sock")
workers = int(os.environ.get("PRENSA_WEB_WORKERS", "2"))
worker_class = "sync"
timeout = 30  # a request stuck longer (a database gone) is killed and the worker replaced
graceful_timeout = 20
keepalive = 5  # nginx keeps connections to the upstream open
max_requests = 5000  # recycle workers now and then (memory growth), staggered
max_requests_jitter = 500
accesslog = os.environ.get("PRENSA_WEB_ACCESS_LOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("PRENSA_TRUSTED_PROXIES", "127.0.0.1")
# The control socket gunicorn 27 opens goes beside the app's socket, not in $HOME
# (read-only under the unit's ProtectSystem=strict).
control_socket = os.environ.get("PRENSA_WEB_CONTROL_SOCKET", "/run/prensa/gunicorn.ctl")
