"""Views of the applications app: school contacts' pages and the organisers' allocation pages."""
