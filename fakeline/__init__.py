"""Stand-ins for LINE on loopback, shared by tests/ and bench/: the Messaging API and signed webhooks."""
