"""Example texts written for eventcoder (news-style, not taken from any outlet)."""
