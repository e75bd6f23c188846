"""Qt-free synchronisation of every case with the provincial one-stop system."""
