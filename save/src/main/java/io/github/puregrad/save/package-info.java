/**
 * Training runs saved to a JSON file and resumed from it, with Jackson: {@link
 * io.github.puregrad.save.SaveFile} writes the model, the optimizer's state and where the run
 * stands, atomically, and reads it back into the same kind of model.
 *
 * <pre>{@code
 * SaveFile.write(Path.of("run.json"), trainer, checkpoint, HashMap.of("note", "first half"));
 * Checkpoint<Mlp, Sgd.Velocity> resumed =
 *     SaveFile.read(Path.of("run.json"), trainer, template).checkpoint();
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.puregrad.save;

import org.jspecify.annotations.NullMarked;
