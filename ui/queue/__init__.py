"""Queue numbers (số thứ tự) on screen: the counter's call panel, the hall display, the kiosk."""
