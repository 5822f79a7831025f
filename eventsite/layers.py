"""The project's apps in layer order: each may depend on those before it, never after (see DESIGN.md)."""

PROJECT_APPS = ("eventsite", "profiles", "applications", "timetable", "feedback", "dashboard")
