"""Quality: what a careful reader would flag, with its message in Chinese and English."""
