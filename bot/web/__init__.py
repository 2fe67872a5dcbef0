"""The web doors: the residents' chat widget (socket.io, served with a demo page) and the staff
pages (lookup, routing table, referrals). See bot/web/app.py and docs/web.md."""
