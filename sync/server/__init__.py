"""The reference central platform: a FastAPI service over SQLAlchemy."""
