// The form Skriv ansökan (skriv-ansokan/). The page is drawn by finsam.site.form_page; this
// script makes it work: lists that grow and shrink, a budget column for each year of the
// period with sums that follow the typing, the mall's own fields and headings, a draft kept in
// the browser (localStorage), and the desk's own check, which javascripts/skriv-kontroll.js
// runs in a Web Worker with Pyodide. Everything here works before the check has loaded.
(function () {
  "use strict";

  var root = document.querySelector("[data-finsam-skriv]");
  if (!root || root.getAttribute("data-ready")) return;
  root.setAttribute("data-ready", "1");
  var form = root.querySelector("[data-finsam-formular]");
  var STORE = "finsam-skriv-utkast:" + location.pathname;
  var numbers = new Intl.NumberFormat("sv-SE");
  var DOCUMENTS = { ansokan: "skriv-del-ansokan", ideskiss: "skriv-del-ideskiss", budget: "skriv-del-budget" };

  function one(selector, within) { return (within || root).querySelector(selector); }
  function all(selector, within) {
    return Array.prototype.slice.call((within || root).querySelectorAll(selector));
  }
  function controls() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "file" && el.type !== "submit" && el.type !== "button";
    });
  }

  // -- values: the form's controls as {name: text}, as finsam.form.fields names them --------

  // The values of the controls in use; ``everything`` adds those of hidden controls (a mall
  // not chosen now), where no control in use has the same name (the mallar share section keys).
  function collect(everything) {
    var values = {};
    var hiddenValues = {};
    controls().forEach(function (el) {
      var into = el.disabled ? hiddenValues : values;
      if (el.disabled && !everything) return;
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) into[el.name] = el.value;
      } else if (el.value !== "") {
        into[el.name] = el.value;
      }
    });
    Object.keys(hiddenValues).forEach(function (name) {
      if (!form.querySelector('[name="' + name + '"]:enabled')) values[name] = hiddenValues[name];
    });
    return values;
  }

  function current(name) {
    var found = form.elements.namedItem(name);
    if (!found) return "";
    if (typeof RadioNodeList !== "undefined" && found instanceof RadioNodeList) return found.value;
    if (found.type === "checkbox" || found.type === "radio") return found.checked ? found.value : "";
    return found.value;
  }

  function setValues(values) {
    controls().forEach(function (el) {
      var given = Object.prototype.hasOwnProperty.call(values, el.name) ? values[el.name] : undefined;
      if (el.type === "radio") {
        el.checked = given !== undefined ? el.value === given : el.hasAttribute("data-forval");
      } else if (el.type === "checkbox") {
        el.checked = given === el.value;
      } else if (el.type === "hidden") {
        if (el.hasAttribute("data-behall")) el.value = given || "";
      } else if (el.tagName === "SELECT") {
        el.value = given !== undefined ? given : (el.getAttribute("data-forval") || "");
        if (el.selectedIndex < 0) el.selectedIndex = 0;
      } else {
        el.value = given !== undefined ? given : "";
      }
    });
    // A mall or a kind of document that is not offered any more: the first choice.
    ["mall", "dokument"].forEach(function (name) {
      var found = form.elements.namedItem(name);
      if (found && typeof RadioNodeList !== "undefined" && found instanceof RadioNodeList && !found.value) {
        var fallback = form.querySelector('input[name="' + name + '"][data-forval]');
        if (fallback) fallback.checked = true;
      }
    });
  }

  // -- lists of entries ---------------------------------------------------------------------

  function entryNumbers(values, group) {
    var prefix = group + ".";
    var found = {};
    Object.keys(values).forEach(function (name) {
      if (name.indexOf(prefix) !== 0) return;
      var number = name.slice(prefix.length).split(".")[0];
      if (/^\d+$/.test(number)) found[number] = true;
    });
    return Object.keys(found).map(Number);
  }

  function fromTemplate(template, index, year) {
    var text = template.innerHTML.split("__NR__").join(String(index + 1)).split("__N__").join(String(index));
    if (year !== undefined) text = text.split("__AR__").join(String(year));
    var holder = document.createElement("template");
    holder.innerHTML = text;
    return holder.content;
  }

  function yearOf(text) {
    var match = /^(\d{4})-\d{2}-\d{2}$/.exec((text || "").trim());
    return match ? Number(match[1]) : null;
  }

  // The years of a period, and every year that already has an amount (it stays in sight).
  function yearsFor(values, startName, endName, amounts, fallback) {
    var found = {};
    var start = yearOf(values[startName]);
    var end = yearOf(values[endName]);
    if (start && end && end >= start && end - start < 15) {
      for (var year = start; year <= end; year++) found[year] = true;
    }
    Object.keys(values).forEach(function (name) {
      var match = amounts.exec(name);
      if (match) found[match[1]] = true;
    });
    var years = Object.keys(found).map(Number).sort(function (a, b) { return a - b; });
    return years.length ? years : fallback;
  }

  function budgetYears(values) {
    var box = one('[data-grupp="budget.rader"]', form);
    var fallback = (box.getAttribute("data-standardar") || "").split(" ").filter(Boolean).map(Number);
    return yearsFor(values, "ansokan.period.start", "ansokan.period.slut", /^budget\.rader\.\d+\.belopp\.(\d{4})$/, fallback);
  }

  function sketchYears(values) {
    return yearsFor(values, "ideskiss.period.start", "ideskiss.period.slut", /^ideskiss\.preliminar_budget\.per_ar\.(\d{4})$/, []);
  }

  function shownYears(selector) {
    return all(selector, form).map(function (el) { return el.getAttribute("data-ar"); }).join(" ");
  }

  function addYearCells(row, index, years) {
    var template = one("template[data-ar-cell]", form);
    var sum = row.querySelector("[data-radsumma]");
    years.forEach(function (year) { sum.parentNode.insertBefore(fromTemplate(template, index, year), sum); });
    var detail = row.querySelector(".finsam-budgetrad__mer > td");
    if (detail) detail.colSpan = years.length + 4;
  }

  function buildBudget(box, count, years) {
    var table = one("[data-finsam-budget]", box);
    var template = one('template[data-mall-for="budget.rader"]', box);
    all("tbody.finsam-budgetrad", table).forEach(function (row) { row.remove(); });
    var foot = table.tFoot;
    for (var index = 0; index < count; index++) {
      var content = fromTemplate(template, index);
      var row = content.querySelector("tbody");
      addYearCells(row, index, years);
      table.insertBefore(content, foot);
    }
    var head = table.tHead.rows[0];
    all("th[data-ar]", head).forEach(function (cell) { cell.remove(); });
    var sumHead = head.cells[head.cells.length - 2];
    years.forEach(function (year) {
      var cell = document.createElement("th");
      cell.scope = "col";
      cell.className = "belopp";
      cell.setAttribute("data-ar", year);
      cell.textContent = year;
      head.insertBefore(cell, sumHead);
    });
    all("tr[data-summarad]", foot).forEach(function (line) {
      all("td[data-ar]", line).forEach(function (cell) { cell.remove(); });
      var total = line.querySelector("td[data-summa]:not([data-ar])");
      years.forEach(function (year) {
        var cell = document.createElement("td");
        cell.className = "belopp";
        cell.setAttribute("data-summa", line.getAttribute("data-summarad"));
        cell.setAttribute("data-ar", year);
        line.insertBefore(cell, total);
      });
    });
  }

  function buildSketchYears(values) {
    var box = one("[data-per-ar]", form);
    if (!box) return;
    var place = one("[data-per-ar-falt]", box);
    var template = one("template[data-per-ar-mall]", box);
    place.textContent = "";
    sketchYears(values).forEach(function (year) { place.appendChild(fromTemplate(template, 0, year)); });
    box.hidden = !place.children.length;
  }

  // Every list with as many entries as the values have (at least its minimum), the budget with
  // a column per year; then the values, the mall's choices and what shows.
  function fill(values) {
    var active = document.activeElement && document.activeElement.id;
    all("[data-grupp]", form).forEach(function (box) {
      var group = box.getAttribute("data-grupp");
      var numbersFound = entryNumbers(values, group);
      var count = Math.max(Number(box.getAttribute("data-minst") || 0), numbersFound.length ? Math.max.apply(null, numbersFound) + 1 : 0);
      if (group === "budget.rader") {
        buildBudget(box, count, budgetYears(values));
        return;
      }
      var list = one(".finsam-poster", box);
      var template = one('template[data-mall-for="' + group + '"]', box);
      list.textContent = "";
      for (var index = 0; index < count; index++) list.appendChild(fromTemplate(template, index));
    });
    buildSketchYears(values);
    applyCategories(values.mall || current("mall"));
    setValues(values);
    applyVisibility();
    updateSums();
    if (active) {
      var again = document.getElementById(active);
      if (again && !again.disabled) again.focus({ preventScroll: true });
    }
  }

  function renumbered(values, group, removed) {
    var prefix = group + ".";
    var out = {};
    Object.keys(values).forEach(function (name) {
      if (name.indexOf(prefix) !== 0) { out[name] = values[name]; return; }
      var rest = name.slice(prefix.length).split(".");
      var number = Number(rest[0]);
      if (!/^\d+$/.test(rest[0])) { out[name] = values[name]; return; }
      if (number === removed) return;
      rest[0] = String(number > removed ? number - 1 : number);
      out[prefix + rest.join(".")] = values[name];
    });
    return out;
  }

  function addEntry(group) {
    var box = one('[data-grupp="' + group + '"]', form);
    var template = one('template[data-mall-for="' + group + '"]', box);
    var entry;
    if (group === "budget.rader") {
      var table = one("[data-finsam-budget]", box);
      var index = all("tbody.finsam-budgetrad", table).length;
      var content = fromTemplate(template, index);
      entry = content.querySelector("tbody");
      addYearCells(entry, index, shownYears("thead th[data-ar]").split(" ").filter(Boolean));
      table.insertBefore(content, table.tFoot);
    } else {
      var list = one(".finsam-poster", box);
      list.appendChild(fromTemplate(template, list.children.length));
      entry = list.lastElementChild;
    }
    applyCategories(current("mall"));
    setValues(collect(true));
    applyVisibility();
    updateSums();
    var first = entry.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
    changed();
  }

  function removeEntry(group, index) {
    var values = renumbered(collect(true), group, index);
    var box = one('[data-grupp="' + group + '"]', form);
    fill(values);
    var buttons = all('[data-ta-bort="' + group + '"]', box);
    var next = buttons[Math.min(index, buttons.length - 1)];
    (next || one("[data-lagg-till]", box)).focus();
    changed();
  }

  // -- the mall, the kind of document, and the budget rows' own fields -------------------------

  function chosenTemplate() {
    var mall = current("mall");
    return form.querySelector('input[name="mall"][value="' + mall + '"]');
  }

  function applyCategories(mall) {
    var source = root.querySelector('template[data-kategorier="' + mall + '"]');
    if (!source) return;
    all("select[data-kategori]", form).forEach(function (select) {
      if (select.getAttribute("data-mallval") === mall) return;
      var chosen = select.value;
      select.innerHTML = source.innerHTML;
      select.value = chosen;
      if (select.selectedIndex < 0) select.selectedIndex = 0;
      select.setAttribute("data-mallval", mall);
    });
  }

  function applyVisibility() {
    var documentKind = current("dokument") || "ansokan";
    all("[data-dokument]", form).forEach(function (el) { el.hidden = el.getAttribute("data-dokument") !== documentKind; });
    var mall = current("mall");
    all("[data-mall]", form).forEach(function (el) { el.hidden = el.getAttribute("data-mall") !== mall; });
    var chosen = chosenTemplate();
    var asks = ((chosen && chosen.getAttribute("data-fragor")) || "").split(" ");
    all("[data-fraga]", form).forEach(function (el) { el.hidden = asks.indexOf(el.getAttribute("data-fraga")) < 0; });
    all("tbody.finsam-budgetrad", form).forEach(function (row) {
      var category = row.querySelector("select[data-kategori]");
      var option = category && category.options[category.selectedIndex];
      var group = option ? option.getAttribute("data-kostnadsgrupp") : "";
      var motivation = option ? option.getAttribute("data-motivering") === "ja" : false;
      var financing = row.querySelector('select[name$=".finansiering"]');
      var own = financing && financing.value === "egen";
      var inKind = row.querySelector('input[name$=".i_natura"]');
      var shown = { lon: group === "lon" && !(own && inKind && inKind.checked), motivering: motivation, egen: own };
      all("[data-visa-om]", row).forEach(function (el) { el.hidden = !shown[el.getAttribute("data-visa-om")]; });
    });
    controls().forEach(function (el) { el.disabled = switchedOff(el); });
  }

  // A control hidden by the mall or by its row is out of use. One in the other kind of
  // document is not: the idéskiss goes along with the application that follows it.
  function switchedOff(el) {
    for (var node = el.parentElement; node && node !== form; node = node.parentElement) {
      if (node.hidden && !node.hasAttribute("data-dokument")) return true;
    }
    return false;
  }

  // -- sums ---------------------------------------------------------------------------------

  function amount(text) {
    var bare = String(text || "").replace(/[\s\u00a0\u202f]/g, "");
    return /^\d{1,15}$/.test(bare) ? Number(bare) : null;
  }

  function kronor(value) { return numbers.format(value) + "\u00a0kr"; }

  function budgetSums() {
    var sums = { forbundet: {}, egen: {}, totalt: {} };
    all("tbody.finsam-budgetrad", form).forEach(function (row) {
      var financing = row.querySelector('select[name$=".finansiering"]').value === "egen" ? "egen" : "forbundet";
      var rowSum = 0;
      all("input.finsam-belopp", row).forEach(function (input) {
        var value = amount(input.value);
        if (value === null) return;
        var year = input.closest("td").getAttribute("data-ar");
        rowSum += value;
        sums[financing][year] = (sums[financing][year] || 0) + value;
        sums.totalt[year] = (sums.totalt[year] || 0) + value;
      });
      row.querySelector("[data-radsumma]").textContent = kronor(rowSum);
    });
    return sums;
  }

  function total(byYear) {
    return Object.keys(byYear).reduce(function (sum, year) { return sum + byYear[year]; }, 0);
  }

  function updateSums() {
    var sums = budgetSums();
    all("td[data-summa]", form).forEach(function (cell) {
      var byYear = sums[cell.getAttribute("data-summa")] || {};
      var year = cell.getAttribute("data-ar");
      cell.textContent = kronor(year ? byYear[year] || 0 : total(byYear));
    });
    var note = one("[data-finsam-budgetsumma]", form);
    if (note) {
      var sought = amount(current("ansokan.sokt_belopp"));
      var fromForbund = total(sums.forbundet);
      note.textContent = "Budgetens summa från förbundet är " + kronor(fromForbund) + "." +
        (sought !== null && sought !== fromForbund ? " Det sökta beloppet är " + kronor(sought) + "." : "");
    }
  }

  // -- drafts in the browser ------------------------------------------------------------------

  var saveTimer = null;
  function draftNote(text) { one("[data-finsam-utkast]").textContent = text; }
  function clock(date) { return date.toLocaleTimeString("sv-SE", { hour: "2-digit", minute: "2-digit" }); }

  function save() {
    try {
      localStorage.setItem(STORE, JSON.stringify({ sparad: new Date().toISOString(), varden: collect(true) }));
      draftNote("Utkastet är sparat i den här webbläsaren, senast klockan " + clock(new Date()) + ".");
    } catch (error) {
      draftNote("Utkastet kan inte sparas i den här webbläsaren. Spara det som filer i stället.");
    }
  }

  function saveSoon() {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(save, 300);
  }

  function restore() {
    var stored;
    try {
      stored = JSON.parse(localStorage.getItem(STORE) || "null");
    } catch (error) {
      stored = null;
    }
    if (!stored || typeof stored.varden !== "object" || !stored.varden) return false;
    fill(stored.varden);
    var when = new Date(stored.sparad);
    draftNote("Ditt utkast är återställt" + (isNaN(when) ? "" : ", sparat " + when.toLocaleString("sv-SE", { dateStyle: "long", timeStyle: "short" })) + ".");
    return true;
  }

  // -- the check in its worker ----------------------------------------------------------------

  var worker = null;
  var ready = false;
  var questions = {};
  var nextQuestion = 1;

  function loading(text) { one("[data-finsam-laddning]").textContent = text; }
  function summary(text) { one("[data-finsam-sammanfattning]").textContent = text; }

  function ask(kind, payload) {
    return new Promise(function (resolve, reject) {
      if (!worker) { reject(new Error("kontrollen är inte igång")); return; }
      var id = nextQuestion++;
      questions[id] = { resolve: resolve, reject: reject };
      payload.id = id;
      payload.typ = kind;
      worker.postMessage(payload);
    });
  }

  function failed(text) {
    worker = null;
    loading(text);
    summary("Kontrollen kan inte köras just nu. Du kan skriva och spara utkastet ändå.");
    Object.keys(questions).forEach(function (id) { questions[id].reject(new Error(text)); });
    questions = {};
  }

  function startWorker() {
    try {
      worker = new Worker(root.getAttribute("data-arbetare"), { type: "module" });
    } catch (error) {
      failed("Kontrollen kan inte köras i den här webbläsaren.");
      return;
    }
    worker.onmessage = function (event) {
      var message = event.data;
      if (message.typ === "klar") {
        ready = true;
        timing("finsam-kontroll");
        loading("Kontrollen är klar.");
        all("[data-finsam-spara], [data-finsam-kontrollera]").forEach(function (button) { button.disabled = false; });
        check();
        return;
      }
      if (message.typ === "fel") {
        failed("Kontrollen kunde inte laddas: " + message.meddelande + " Ladda om sidan för att försöka igen.");
        return;
      }
      var waiting = questions[message.id];
      if (!waiting) return;
      delete questions[message.id];
      if (message.ok) waiting.resolve(message.svar);
      else waiting.reject(new Error(message.meddelande));
    };
    worker.onerror = function (event) {
      if (event.preventDefault) event.preventDefault();
      failed("Kontrollen kunde inte laddas. Ladda om sidan för att försöka igen.");
    };
  }

  // Fields are marked as wrong only once the applicant has been at them (or asked for the check,
  // or opened files): an empty form is not a page of red.
  var touched = {};
  var markAll = false;
  var checkTimer = null;
  var checking = false;
  var again = false;
  var focusAfterCheck = false;

  function checkSoon() {
    if (!ready) return;
    window.clearTimeout(checkTimer);
    checkTimer = window.setTimeout(check, 700);
  }

  function check() {
    if (!ready) return;
    window.clearTimeout(checkTimer);
    if (checking) { again = true; return; }
    checking = true;
    var values = collect();
    ask("kontrollera", { varden: values }).then(function (answer) {
      showFindings(answer);
      timing("finsam-svar");
      offer(values, answer);
      if (focusAfterCheck) {
        focusAfterCheck = false;
        var heading = one("#skriv-kontrollen");
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }, function (error) {
      summary("Kontrollen kunde inte köras: " + error.message);
    }).then(function () {
      checking = false;
      if (again) { again = false; check(); }
    });
  }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  function target(name) {
    if (!name) return null;
    var found = null;
    controls().some(function (el) {
      if (el.disabled || el.type === "hidden" || el.closest("[hidden]")) return false;
      if (el.name === name || el.name.indexOf(name + ".") === 0) { found = el; return true; }
      return false;
    });
    if (found) return found;
    var heading = DOCUMENTS[name] && document.getElementById(DOCUMENTS[name]);
    if (heading && !heading.closest("[hidden]")) {
      heading.setAttribute("tabindex", "-1");
      return heading;
    }
    return null;
  }

  function clearMarks() {
    all("[aria-invalid]", form).forEach(function (el) {
      el.removeAttribute("aria-invalid");
      var before = el.getAttribute("data-beskriven");
      if (before !== null) {
        if (before) el.setAttribute("aria-describedby", before);
        else el.removeAttribute("aria-describedby");
        el.removeAttribute("data-beskriven");
      }
    });
    all(".finsam-falt__fel", form).forEach(function (el) { el.remove(); });
  }

  function mark(el, finding) {
    if (el.tagName === "H2") return;
    el.setAttribute("aria-invalid", "true");
    var box = el.closest(".finsam-falt");
    if (!box) return;
    var id = el.id + "-fel";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.className = "finsam-falt__fel";
      note.id = id;
      var label = box.querySelector("label, legend");
      box.insertBefore(note, label && label.parentNode === box ? label.nextSibling : box.firstChild);
      if (!el.hasAttribute("data-beskriven")) el.setAttribute("data-beskriven", el.getAttribute("aria-describedby") || "");
      el.setAttribute("aria-describedby", (id + " " + (el.getAttribute("data-beskriven") || "")).trim());
    }
    var line = document.createElement("span");
    line.textContent = (finding.allvarlighet === "fel" ? "Fel: " : "Varning: ") + finding.meddelande;
    note.appendChild(line);
  }

  function showFindings(answer) {
    clearMarks();
    var list = one("[data-finsam-fynd]");
    list.textContent = "";
    var findings = answer.rapport.fynd;
    var rules = root.getAttribute("data-regler");
    findings.forEach(function (finding, index) {
      var el = target(answer.falt[index]);
      var item = document.createElement("li");
      item.className = "finsam-fynd__post finsam-fynd__post--" + finding.allvarlighet;
      item.setAttribute("data-regel", finding.regel);
      item.setAttribute("data-fil", finding.fil);
      item.setAttribute("data-rad", finding.rad);
      item.setAttribute("data-kolumn", finding.kolumn);
      item.setAttribute("data-falt", answer.falt[index] || "");
      var head = document.createElement(el ? "a" : "span");
      head.className = "finsam-fynd__rubrik";
      head.textContent = (finding.allvarlighet === "fel" ? "Fel " : "Varning ") + finding.regel + ": " + finding.meddelande;
      if (el) {
        head.href = "#" + el.id;
        head.addEventListener("click", function (event) {
          event.preventDefault();
          el.scrollIntoView({ block: "center" });
          el.focus();
        });
        if (markAll || touched[el.name]) mark(el, finding);
      }
      item.appendChild(head);
      if (finding.tips) {
        var hint = document.createElement("p");
        hint.className = "finsam-fynd__tips";
        hint.textContent = "Tips: " + finding.tips;
        item.appendChild(hint);
      }
      var where = document.createElement("p");
      where.className = "finsam-fynd__plats";
      where.appendChild(document.createTextNode(finding.fil.split("/").pop() + (finding.rad > 0 ? ", rad " + finding.rad : "") + ". "));
      var about = document.createElement("a");
      about.href = rules + "#" + finding.regel.toLowerCase();
      about.textContent = "Om regel " + finding.regel;
      where.appendChild(about);
      item.appendChild(where);
      list.appendChild(item);
    });
    var errors = answer.rapport.sammanfattning.fel;
    var warnings = answer.rapport.sammanfattning.varningar;
    if (errors) {
      summary("Kontrollen hittade " + plural(errors, "fel", "fel") + (warnings ? " och " + plural(warnings, "varning", "varningar") : "") + ". Rätta felen, så kan du sedan lämna in.");
    } else if (warnings) {
      summary("Kontrollen hittade inga fel men " + plural(warnings, "varning", "varningar") + ". Du kan lämna in; läs gärna varningarna först.");
    } else {
      summary("Kontrollen hittade inga fel. Filerna är klara att lämna in.");
    }
  }

  // -- handing in ------------------------------------------------------------------------------

  var madeLinks = [];
  function blobLink(link, data, type, name) {
    var address = URL.createObjectURL(new Blob([data], { type: type }));
    madeLinks.push(address);
    link.href = address;
    link.download = name;
    return link;
  }

  function offer(values, answer) {
    var section = one("[data-finsam-inlamning]");
    madeLinks.forEach(function (address) { URL.revokeObjectURL(address); });
    madeLinks = [];
    if (answer.rapport.sammanfattning.fel > 0) {
      section.hidden = true;
      return;
    }
    var folder = answer.mapp;
    var place = one("[data-finsam-filer]");
    place.textContent = "";
    Object.keys(answer.filer).forEach(function (name, index) {
      if (index) place.appendChild(document.createTextNode(", "));
      var link = blobLink(document.createElement("a"), answer.filer[name], "text/plain;charset=utf-8", name);
      link.textContent = name;
      place.appendChild(link);
    });
    one("[data-finsam-mapp]").textContent = "applications/" + folder + "/";
    var upload = one("[data-finsam-uppladdning]");
    if (upload) {
      if (!upload.getAttribute("data-bas")) upload.setAttribute("data-bas", upload.getAttribute("href"));
      upload.href = upload.getAttribute("data-bas") + "/" + encodeURIComponent(folder);
    }
    section.hidden = false;
    ask("zip", { varden: values }).then(function (bytes) {
      blobLink(one("[data-finsam-zip]"), bytes, "application/zip", folder + ".zip");
    });
    ask("pr", { varden: values }).then(function (text) { one("[data-finsam-pr]").value = text; });
  }

  function download(data, type, name) {
    var link = blobLink(document.createElement("a"), data, type, name);
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function base64(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var start = 0; start < bytes.length; start += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(start, start + 0x8000));
    }
    return btoa(text);
  }

  function openFiles(input) {
    var chosen = Array.prototype.slice.call(input.files || []);
    if (!chosen.length) return;
    var status = one("[data-finsam-oppnat]");
    status.textContent = "Filerna läses in …";
    Promise.all(chosen.map(function (file) {
      return file.arrayBuffer().then(function (buffer) { return [file.name, base64(buffer)]; });
    })).then(function (pairs) {
      var files = {};
      pairs.forEach(function (pair) { files[pair[0]] = pair[1]; });
      return ask("oppna", { filer: files });
    }).then(function (answer) {
      var problems = answer.fynd.map(function (f) { return f.fil.split("/").pop() + ": " + f.meddelande; });
      if (!Object.keys(answer.varden).length) {
        status.textContent = "Filerna gick inte att läsa. " + (problems.join(" ") || "Välj ansokan.md, budget.yaml, ideskiss.md eller en zip-fil med mappen.");
        return;
      }
      fill(answer.varden);
      markAll = true;
      save();
      var text = "Filerna är inlästa i formuläret.";
      if (problems.length) text += " Det här gick inte att läsa: " + problems.join(" ");
      if (answer.behalls.length) text += " Formuläret visar inte " + answer.behalls.join(", ") + "; det följer med oförändrat när filerna sparas.";
      status.textContent = text;
      check();
    }).catch(function (error) {
      status.textContent = "Filerna kunde inte läsas: " + error.message;
    });
    input.value = "";
  }

  // From the idéskiss to the application: what the two have in common, where the application
  // has nothing yet.
  function carryOver() {
    var values = collect(true);
    var pairs = [["ideskiss.titel", "ansokan.titel"], ["ideskiss.insatsagare.part", "ansokan.insatsagare.part"],
      ["ideskiss.period.start", "ansokan.period.start"], ["ideskiss.period.slut", "ansokan.period.slut"]];
    var moved = false;
    pairs.forEach(function (pair) {
      if (values[pair[0]] && !values[pair[1]]) { values[pair[1]] = values[pair[0]]; moved = true; }
    });
    if (!entryNumbers(values, "ansokan.samverkansparter").some(function (n) { return values["ansokan.samverkansparter." + n + ".part"]; })) {
      entryNumbers(values, "ideskiss.samverkansparter").forEach(function (n) {
        var party = values["ideskiss.samverkansparter." + n + ".part"];
        if (party) { values["ansokan.samverkansparter." + n + ".part"] = party; moved = true; }
      });
    }
    if (moved) fill(values);
  }

  // -- events ----------------------------------------------------------------------------------

  function changed() {
    saveSoon();
    checkSoon();
  }

  form.addEventListener("input", function () {
    updateSums();
    changed();
  });

  form.addEventListener("change", function (event) {
    var name = event.target.name || "";
    touched[name] = true;
    if (name === "dokument") {
      if (current("dokument") === "ansokan") carryOver();
      applyVisibility();
    } else if (name === "mall") {
      setValues(collect(true)); // the text written under the earlier mall's headings goes along
      applyCategories(current("mall"));
      applyVisibility();
    } else if (/\.(kategori|finansiering|i_natura)$/.test(name)) {
      applyVisibility();
      updateSums();
    } else if (/^(ansokan|ideskiss)\.period\.(start|slut)$/.test(name)) {
      var values = collect(true);
      if (budgetYears(values).join(" ") !== shownYears("thead th[data-ar]") ||
          sketchYears(values).join(" ") !== shownYears("[data-per-ar-falt] input[data-ar]")) {
        fill(values);
      }
    }
    changed();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    focusAfterCheck = true;
    markAll = true;
    check();
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-lagg-till")) {
      addEntry(button.getAttribute("data-lagg-till"));
    } else if (button.hasAttribute("data-ta-bort")) {
      removeEntry(button.getAttribute("data-ta-bort"), Number(button.getAttribute("data-index")));
    } else if (button.hasAttribute("data-finsam-anvand-summa")) {
      var field = form.elements.namedItem("ansokan.sokt_belopp");
      field.value = String(total(budgetSums().forbundet));
      updateSums();
      changed();
    }
  });

  one("[data-finsam-oppna]").addEventListener("change", function (event) { openFiles(event.target); });

  one("[data-finsam-spara]").addEventListener("click", function () {
    var values = collect();
    ask("zip", { varden: values, utkast: true }).then(function (bytes) {
      download(bytes, "application/zip", (values.id || "ny-insats") + "-utkast.zip");
    }, function (error) {
      draftNote("Utkastet kunde inte sparas som filer: " + error.message);
    });
  });

  one("[data-finsam-rensa]").addEventListener("click", function () {
    if (!window.confirm("Vill du tömma formuläret? Utkastet i den här webbläsaren tas bort.")) return;
    try { localStorage.removeItem(STORE); } catch (error) { /* nothing was kept */ }
    fill({});
    touched = {};
    markAll = false;
    one("[data-finsam-inlamning]").hidden = true;
    draftNote("Formuläret är tomt. Inget utkast är sparat.");
    check();
  });

  one("[data-finsam-kopiera]").addEventListener("click", function () {
    var area = one("[data-finsam-pr]");
    var done = function () { one("[data-finsam-kopierad]").textContent = "Texten är kopierad."; };
    var fallback = function () {
      area.select();
      try { document.execCommand("copy"); done(); } catch (error) {
        one("[data-finsam-kopierad]").textContent = "Markera texten och kopiera den med Ctrl+C.";
      }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(area.value).then(done, fallback);
    else fallback();
  });

  // Marks for bench/bench_form.py: the form usable, the check loaded, its first answer.
  function timing(name) { if (window.performance && performance.mark) performance.mark(name); }

  if (restore()) markAll = true;
  else fill({});
  startWorker();
  timing("finsam-formular");
})();
