"""The transactional outbox (one import for the portal): table, ``enqueue``, worker.

- ``enqueue(db, service=..., dossier_code=..., payload=..., on_commit=worker.wake)`` in
  the same transaction as the status change it announces (no commit inside);
- ``OutboxWorker(maker, send)`` started in the app's lifespan delivers the messages in
  order per dossier, retrying with back-off, surviving restarts (state in the table).

Import this module before ``Base.metadata.create_all`` so the table is created.
"""

from portal.integration.outbox_table import (
    DELIVERED,
    PENDING,
    REJECTED,
    SERVICES,
    OutboxMessage,
    OutboxStats,
    Service,
    enqueue,
    outbox_stats,
    pending_count,
    utc_now,
)
from portal.integration.outbox_worker import OutboxWorker, Send

__all__ = [
    "DELIVERED",
    "PENDING",
    "REJECTED",
    "SERVICES",
    "OutboxMessage",
    "OutboxStats",
    "OutboxWorker",
    "Send",
    "Service",
    "enqueue",
    "outbox_stats",
    "pending_count",
    "utc_now",
]
