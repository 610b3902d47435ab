// The live dashboard: reads the filter (from the form, initially from the address), asks GET /report for the
// same figures the yearly report prints, and shows them. Refreshes every 30 seconds. No build step.
"use strict";

const FIELDS = ["team", "district", "period_from", "period_to", "as_of"];

function euros(cents) {
  const sign = cents < 0 ? "-" : "";
  const whole = Math.floor(Math.abs(cents) / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}€ ${whole},${String(Math.abs(cents) % 100).padStart(2, "0")}`;
}

function percent(share) {
  return share === null || share === undefined ? "-" : `${(share * 100).toFixed(1).replace(".", ",")}%`;
}

function decimal(value) {
  return value === null || value === undefined ? "-" : Number(value).toFixed(1).replace(".", ",");
}

function text(value) {
  const span = document.createElement("span");
  span.textContent = value === null || value === undefined ? "" : String(value);
  return span.innerHTML;
}

function table(headers, rows) {
  const head = headers.map((h) => `<th>${text(h)}</th>`).join("");
  const body = rows.length
    ? rows.map((row) => `<tr>${row.map((v, i) => `<td${i ? ' class="num"' : ""}>${text(v)}</td>`).join("")}</tr>`)
    : [`<tr><td colspan="${headers.length}">Geen gegevens.</td></tr>`];
  return `<table><thead><tr>${head}</tr></thead><tbody>${body.join("")}</tbody></table>`;
}

function query() {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = document.getElementById(name).value;
    if (value) params.set(name, value);
  }
  return params;
}

function show(name, value) {
  document.querySelector(`[data-figure="${name}"]`).textContent = value;
}

function render(report) {
  const lines = report.budget.lines;
  const sum = (field) => lines.reduce((total, line) => total + line[field], 0);
  const investigation = report.terms.summaries.find((s) => s.clock === "investigation");
  show("support_requests", report.summary.support_requests);
  show("cases_opened", report.summary.cases_opened);
  show("decisions", report.decisions.decisions);
  show("deviations", report.decisions.deviations.reduce((total, d) => total + d.deviations, 0));
  show("spent", euros(sum("spent_cents")));
  show("remaining", euros(sum("remaining_cents")));
  show("investigation_on_time", percent(investigation ? investigation.share_on_time : null));
  show("share_with_debts", percent(report.debt.total.share_with_debts));
  show("satisfaction", decimal(report.satisfaction.total.average));
  const cycle = report.cycle;
  show("refusals", report.summary.refusals);
  show("objections_upheld", cycle.objections_per_outcome["gegrond"] + cycle.objections_per_outcome["gedeeltelijk gegrond"]);
  show("penalties", euros(cycle.penalty_total_cents));
  document.getElementById("team_terms").innerHTML = table(
    ["Team", "Termijn", "Gestart", "Op tijd", "Te laat", "Verstreken", "Lopend", "Op tijd %"],
    cycle.team_terms.map((t) => [t.team_id, t.clock, t.started, t.on_time, t.late, t.missed, t.running,
      percent(t.share_on_time)]));
  document.getElementById("objections").innerHTML = table(
    ["Uitkomst", "Bezwaren"], Object.entries(cycle.objections_per_outcome));
  document.getElementById("budget").innerHTML = table(
    ["Team", "Jaar", "Lijn", "Toegekend", "Besteed", "Gereserveerd", "Resterend"],
    lines.map((l) => [l.team_id, l.year, l.budget_line, euros(l.allocated_cents), euros(l.spent_cents),
      euros(l.reserved_open_cents), euros(l.remaining_cents)]));
  document.getElementById("terms").innerHTML = table(
    ["Termijn", "Gestart", "Op tijd", "Te laat", "Verstreken", "Lopend", "Op tijd %", "Mediaan dagen"],
    report.terms.summaries.map((s) => [s.label, s.started, s.on_time, s.late, s.missed, s.running,
      percent(s.share_on_time), decimal(s.median_days)]));
  document.getElementById("deviations").innerHTML = table(  // counted per rule: no free text, no names
    ["Team", "Voorziening", "Regel", "Norm", "Afwijkingen", "Na escalatie", "Grootste afwijking"],
    report.decisions.deviations.map((d) => [d.team_id, d.provision_code, d.rule_ref, d.rule_value, d.deviations,
      d.approved_on_escalation, d.largest_departure]));
  document.getElementById("satisfaction").innerHTML = table(
    ["Team", "Antwoorden", "Gemiddeld", "7 of hoger"],
    report.satisfaction.teams.map((t) => [t.team_id, t.answers, decimal(t.average), percent(t.share_satisfied)]));
}

let latest = 0; // only the answer to the newest request is shown: an older, slower answer is dropped

async function load() {
  const params = query();
  const request = ++latest;
  document.body.dataset.state = "loading";
  try {
    const response = await fetch(`/report?${params}`);
    const body = await response.json();
    if (request !== latest) return;
    if (!response.ok) throw new Error(JSON.stringify(body.detail));
    render(body);
    document.getElementById("status").textContent = `Bijgewerkt ${new Date().toLocaleString("nl-NL")}`;
    document.body.dataset.query = params.toString();
    document.body.dataset.state = "loaded";
  } catch (error) {
    if (request !== latest) return;
    document.getElementById("status").textContent = `Fout: ${error.message}`;
    document.body.dataset.state = "error";
  }
}

function start() {
  const initial = new URLSearchParams(window.location.search);
  for (const name of FIELDS) {
    if (initial.has(name)) document.getElementById(name).value = initial.get(name);
  }
  document.getElementById("filter").addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", `?${query()}`);
    load();
  });
  for (const name of ["team", "district"]) document.getElementById(name).addEventListener("change", load);
  load();
  setInterval(load, 30000);
}

start();
