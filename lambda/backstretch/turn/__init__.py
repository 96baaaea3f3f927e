"""The kernel a turn runs on: the request read once, its session, storage, zone and delivery."""
