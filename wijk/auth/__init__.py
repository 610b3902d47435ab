"""Identity and access for every service: who calls (a validated bearer token), what they may do (rights as data),
and the record of what they did (the access log). `wijk.auth.guard.install` wires all three into a service's app.
"""
