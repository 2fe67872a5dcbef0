"""What the assistant says: plain-Dutch (B1) texts composed from routes and understandings."""
