"""Word and Excel, both ways: templates generated from each mall in forbund.yml, the import of
filled-in templates (and of applications on a förbund's older Word form) into ansokan.yaml,
ansokan.md and budget.yaml, and documents and workbooks exported from the model. Everything
goes through python-docx and openpyxl: no Office XML is written by hand."""
