"""The review app's pages (Streamlit); ``app.py`` routes to them."""
