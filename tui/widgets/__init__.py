"""Widgets of the Briefing app."""
