// The desk's check in a Web Worker, for the page Skriv ansökan (javascripts/skriv.js). It loads
// Pyodide (CPython as WebAssembly) and the zip of finsam's own Python code from the site itself
// (kontroll/), never from another server, and answers the page's questions with finsam's
// entry points (finsam.form.check): check the form's values, read files into values, make the
// folder's zip and the pull request's text. The page stays usable while this loads.
import { loadPyodide } from "../kontroll/pyodide.mjs";

const base = new URL("../kontroll/", import.meta.url).href;
const home = "/home/pyodide/kontroll";
const data = home + "/data";

const ready = (async () => {
  const pyodide = await loadPyodide({
    indexURL: base,
    packages: [],
    stdout: () => {},
    stderr: () => {},
  });
  const response = await fetch(base + "finsam.zip");
  if (!response.ok) throw new Error("finsam.zip: " + response.status);
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: home });
  pyodide.runPython("import sys\nsys.path.insert(0, " + JSON.stringify(home) + ")");
  const check = pyodide.pyimport("finsam.form.check");
  check.check_json("{}", data); // the first check imports the rules and the schemas
  return check;
})();

ready.then(
  () => postMessage({ typ: "klar" }),
  (error) => postMessage({ typ: "fel", meddelande: String(error && error.message || error) }),
);

self.onmessage = async (event) => {
  const { id, typ, varden, filer, utkast } = event.data;
  try {
    const check = await ready;
    let svar;
    if (typ === "kontrollera") {
      svar = JSON.parse(check.check_json(JSON.stringify(varden), data));
    } else if (typ === "oppna") {
      svar = JSON.parse(check.open_json(JSON.stringify(filer), data));
    } else if (typ === "zip") {
      const bytes = check.zip_json(JSON.stringify(varden), data, Boolean(utkast));
      svar = bytes.toJs();
      bytes.destroy();
    } else if (typ === "pr") {
      svar = check.pull_request_json(JSON.stringify(varden), data);
    } else {
      throw new Error("okänd fråga: " + typ);
    }
    postMessage({ id, ok: true, svar });
  } catch (error) {
    postMessage({ id, ok: false, meddelande: String(error && error.message || error) });
  }
};
