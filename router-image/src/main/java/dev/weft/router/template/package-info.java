/**
 * A subset of Go's {@code text/template}, evaluated over Jackson trees, for {@code /report?format=}.
 * Pure: no I/O. {@link dev.weft.router.template.Parser} cuts the text into actions and builds
 * {@link dev.weft.router.template.Node}s; {@link dev.weft.router.template.Evaluator} runs them with Go's
 * truth, printing ({@link dev.weft.router.template.GoValues}), {@code printf}
 * ({@link dev.weft.router.template.GoPrintf}) and built-ins ({@link dev.weft.router.template.Functions}).
 */
package dev.weft.router.template;
