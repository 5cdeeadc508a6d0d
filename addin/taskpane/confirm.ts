/**
 * A question asked inside the pane: Office task panes have no window.confirm (it does nothing or is
 * blocked). The box is a hidden `.confirm` card holding a `[data-confirm-text]` div (the text,
 * one block per line) and two buttons `[data-answer="yes"]` / `[data-answer="no"]`.
 */

/** The pending question of each box: asking again answers the previous one "no". */
const pending = new WeakMap<HTMLElement, (yes: boolean) => void>();

/** Shows `text` in `box` and resolves true on its yes button, false on its no button (or a newer question). */
export function askInPane(box: HTMLElement, text: string): Promise<boolean> {
  pending.get(box)?.(false);
  // One block per line; a line starting with "· " is a point with a hanging indent.
  box.querySelector<HTMLElement>("[data-confirm-text]")!.replaceChildren(
    ...text.split("\n").map((line) => {
      const div = document.createElement("div");
      div.textContent = line;
      if (line.startsWith("· ")) div.className = "point";
      return div;
    }),
  );
  box.hidden = false;
  const yes = box.querySelector<HTMLButtonElement>('[data-answer="yes"]')!;
  const no = box.querySelector<HTMLButtonElement>('[data-answer="no"]')!;
  yes.focus();
  return new Promise((resolve) => {
    const answer = (value: boolean) => {
      yes.removeEventListener("click", onYes);
      no.removeEventListener("click", onNo);
      pending.delete(box);
      box.hidden = true;
      resolve(value);
    };
    const onYes = () => answer(true);
    const onNo = () => answer(false);
    yes.addEventListener("click", onYes);
    no.addEventListener("click", onNo);
    pending.set(box, answer);
  });
}

/** Answers the box's open question "no" (e.g. the plan it was about was replaced). */
export function cancelQuestion(box: HTMLElement): void {
  pending.get(box)?.(false);
}
