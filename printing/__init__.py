"""Qt-free PDF generation of every form the one-stop rules ask for (ReportLab)."""
