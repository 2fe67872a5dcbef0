"""Warm handover ("warme overdracht"): consent, a summary the next loket can act on, and a referral
that is followed until someone has picked it up (issue 12)."""
