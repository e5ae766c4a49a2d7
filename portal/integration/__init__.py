"""Self-contained integration libraries of the reference portal.

Adapters to the national systems (payment platform, national portal and citizen data
warehouse), the transactional outbox that carries status changes to the national
portal, and the electronic result (PDF, PAdES signature, QR). They speak the wire
contracts of ``docs/contracts.md`` and know nothing of the portal's models or routes.
"""
