// Small DOM helpers every section uses.

/** A button labelled `label` that runs `action` when clicked. */
export function button(label, action) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  element.addEventListener("click", action);
  return element;
}
