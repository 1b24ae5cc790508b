"""Mail adapters: drafts as RFC 5322 messages (.eml)."""
