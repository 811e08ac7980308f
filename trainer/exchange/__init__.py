"""Moving records between machines that never meet a network: progress bundles, the device
keys that sign them and the trust HR gives each device (DESIGN §1, §7). No Qt, no network.

A bundle is believed only when its signature verifies with the key this database has recorded
for the device that made it; everything inside is then checked by the store's own rules.
"""
