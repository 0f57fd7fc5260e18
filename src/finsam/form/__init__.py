"""The site's form "Skriv ansökan", on the Python side: the form's values as the files of an
insats folder (files), files read back into values (read) and the desk's own check of them
(check). The page runs these modules in the browser, with Pyodide in a Web Worker, so that an
applicant sees exactly the findings that `finsam kontrollera` gives."""
