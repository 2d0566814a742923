from app import Default
