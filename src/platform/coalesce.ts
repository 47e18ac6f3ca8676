/**
 * Batches the calls made during one turn of the event loop into one call of `run`, at `setImmediate`. Several
 * accounts' turns reach the database together; one command for all of them costs one round trip and one pass
 * of the driver instead of one each. `run` gets the inputs in call order and returns one output per input; if
 * it throws, every caller of that batch gets the error.
 */
export function coalesce<In, Out>(run: (inputs: readonly In[]) => Promise<Out[]>): (input: In) => Promise<Out> {
  let batch: Array<{ input: In; resolve: (output: Out) => void; reject: (error: unknown) => void }> = [];
  const flush = async (): Promise<void> => {
    const calls = batch;
    batch = [];
    try {
      const outputs = await run(calls.map((call) => call.input));
      calls.forEach((call, i) => call.resolve(outputs[i]!));
    } catch (error) {
      for (const call of calls) call.reject(error);
    }
  };
  return (input) =>
    new Promise<Out>((resolve, reject) => {
      if (batch.length === 0) setImmediate(() => void flush());
      batch.push({ input, resolve, reject });
    });
}
