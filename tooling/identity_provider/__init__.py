"""The embedded OpenID Connect provider: authlib's server components on Flask, seeded from a municipality's
configuration, with keys and credentials generated per data folder. Run by `tooling.embedded_identity`."""
