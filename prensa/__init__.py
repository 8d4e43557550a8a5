"""Prensa: a trilingual news publishing platform."""
