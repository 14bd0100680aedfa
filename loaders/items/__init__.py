"""Items: named projects and infrastructure facilities with their status."""
