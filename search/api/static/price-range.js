// The two-ended CNY price slider: two range inputs on one track. A thumb at either end means "no limit".

import { formatCnyWhole } from "./format.js";

const FALLBACK_MAX = 20000; // when the server gives no price statistics
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

export class PriceRange {
  /** `onChange(priceMin, priceMax)` on release, each null when its thumb is at the end of the track. */
  constructor({ minInput, maxInput, minText, maxText, onChange }) {
    Object.assign(this, { minInput, maxInput, minText, maxText });
    this.setBounds(FALLBACK_MAX);
    for (const input of [minInput, maxInput]) {
      input.addEventListener("input", () => this.#keepOrder(input));
      input.addEventListener("change", () => onChange(...this.value()));
    }
  }

  /** The track runs from 0 to `high`, rounded up to a whole step. */
  setBounds(high) {
    const step = STEPS.find((s) => high / s <= 200) ?? STEPS.at(-1);
    const max = Math.max(step, Math.ceil(high / step) * step);
    for (const input of [this.minInput, this.maxInput]) {
      Object.assign(input, { min: 0, max, step });
    }
  }

  /**
   * Show a selection (null = open end) on a track up to the answer's highest price (`stats.max`, else a fixed
   * 20,000), widened so that a chosen maximum stays short of the end (which would read as "no limit").
   */
  show(priceMin, priceMax, stats) {
    this.setBounds(Math.max(stats?.max ?? FALLBACK_MAX, priceMax ?? 0, priceMin ?? 0));
    if (priceMax !== null && priceMax >= Number(this.maxInput.max)) {
      this.setBounds(priceMax + Number(this.maxInput.step));
    }
    this.minInput.value = priceMin ?? 0;
    this.maxInput.value = priceMax ?? this.maxInput.max;
    this.#label();
  }

  value() {
    const min = Number(this.minInput.value);
    const max = Number(this.maxInput.value);
    return [min <= 0 ? null : min, max >= Number(this.maxInput.max) ? null : max];
  }

  #keepOrder(moved) {
    if (Number(this.minInput.value) > Number(this.maxInput.value)) {
      if (moved === this.minInput) this.minInput.value = this.maxInput.value;
      else this.maxInput.value = this.minInput.value;
    }
    this.#label();
  }

  #label() {
    const [min, max] = this.value();
    this.minText.textContent = formatCnyWhole(min ?? 0);
    this.maxText.textContent = max === null ? "不限" : formatCnyWhole(max);
    this.minInput.setAttribute("aria-valuetext", this.minText.textContent);
    this.maxInput.setAttribute("aria-valuetext", this.maxText.textContent);
  }
}
