/**
 * Writes a ServedNetwork as an ONNX graph (standard opset-17 ops only) and reads it back:
 *
 *   rows[N,L] ─Gather(table int8)─Cast─Mul(Gather(row_scale)) = u[N,L,P]
 *   aspect:   x = u + Gather(position, positions);  target = ReduceSum(u * target_mask[N,L,1], 1)
 *   x ─Transpose[N,P,L]─ per width k:
 *       sentence: Relu(Conv_k(x))
 *       aspect:   Tanh(Conv_k(x)) * Relu(ConvGate_k(x) + Unsqueeze(Gemm(target, V)))
 *     + window_mask_k[N,1,L-k+1] (0 or -1e4: windows that reach into batch padding) ─ReduceMax(2)
 *   Concat ─Gemm(output)─Mul(1/T)─Softmax = probabilities[N,3]
 *
 * The segments graph of a sentence network (exportSequenceSegments) reads many texts laid end to
 * end in one row, rows[1,L], and pools each text's own windows, listed by the runner
 * (segment-runner.ts) in window_index_k[N,M] (a text's first window repeated as padding):
 *   Relu(Conv_k(x))[1,F,W] ─Transpose─Reshape[W,F] ─Gather(window_index_k)[N,M,F] ─ReduceMax(1)
 *   Concat ─Gemm(output)─Mul(1/T)─Softmax = probabilities[N,3]
 */
import { encodeModel, floatsOf, onnxModelType, ONNX_ATTRIBUTE, ONNX_TYPE } from '../onnx-proto.js';
import type { NetworkShape } from './conv-network.js';
import type { ServedNetwork } from './served-network.js';


export const SEQUENCE_INPUT_ROWS = 'rows';
export const SEQUENCE_INPUT_POSITIONS = 'positions';
export const SEQUENCE_INPUT_TARGET_MASK = 'target_mask';
export const SEQUENCE_OUTPUT = 'probabilities';
/** Name of the window mask input of width k. */
export const windowMaskName = (k: number): string => `window_mask_${k}`;
/** Name of the segments graph's window index input of width k (exportSequenceSegments). */
export const windowIndexName = (k: number): string => `window_index_${k}`;
/** Added to windows that reach into batch padding, so ReduceMax never picks them. */
export const MASKED = -1e4;

function tensor(name: string, dataType: number, dims: number[], data: ArrayBufferView): Record<string, unknown> {
  return { name, dataType, dims, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): Record<string, unknown> {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) } } } };
}

function node(opType: string, input: string[], output: string[], attribute: Record<string, unknown>[] = []): Record<string, unknown> {
  return { opType, input, output, name: output[0], attribute };
}

const intAttribute = (name: string, i: number) => ({ name, type: ONNX_ATTRIBUTE.int, i });
const intsAttribute = (name: string, ints: number[]) => ({ name, type: ONNX_ATTRIBUTE.ints, ints });

/** [F][k][P] (training layout) -> [F][P][k] (ONNX Conv layout). */
function convLayout(weight: Float32Array, filters: number, k: number, P: number): Float32Array {
  const result = new Float32Array(weight.length);
  for (let f = 0; f < filters; f++) for (let j = 0; j < k; j++) for (let p = 0; p < P; p++) result[(f * P + p) * k + j] = weight[(f * k + j) * P + p];
  return result;
}

/** Serializes the served network with the temperature baked in. */
export function exportSequenceNetwork(served: ServedNetwork, temperature: number, description: string): Uint8Array {
  return exportGraph(served, temperature, description, false);
}

/**
 * The segments graph of a sentence (not gated) network, same weights and temperature (see the
 * header). Built at load time from the shipped graph, never shipped itself.
 */
export function exportSequenceSegments(served: ServedNetwork, temperature: number, description: string): Uint8Array {
  if (served.shape.gated) throw new Error('a segments graph is only built for sentence networks');
  return exportGraph(served, temperature, description, true);
}

function exportGraph(served: ServedNetwork, temperature: number, description: string, segments: boolean): Uint8Array {
  const { projection: P, filters: F, classes: C, widths, gated } = served.shape;
  const aspect = gated;
  const initializer: Record<string, unknown>[] = [
    tensor('table', ONNX_TYPE.int8, [served.rows, P], served.table),
    tensor('row_scale', ONNX_TYPE.float, [served.rows, 1], served.rowScale),
    tensor('output', ONNX_TYPE.float, [C, F * widths.length], served.output),
    tensor('output_bias', ONNX_TYPE.float, [C], served.outputBias),
    tensor('inverse_temperature', ONNX_TYPE.float, [], new Float32Array([1 / temperature])),
  ];
  const nodes: Record<string, unknown>[] = [
    node('Gather', ['table', SEQUENCE_INPUT_ROWS], ['u_int8'], [intAttribute('axis', 0)]),
    node('Cast', ['u_int8'], ['u_unscaled'], [intAttribute('to', ONNX_TYPE.float)]),
    node('Gather', ['row_scale', SEQUENCE_INPUT_ROWS], ['u_scale'], [intAttribute('axis', 0)]),
    node('Mul', ['u_unscaled', 'u_scale'], ['u']),
  ];
  const inputs = [valueInfo(SEQUENCE_INPUT_ROWS, ONNX_TYPE.int32, [segments ? 1 : 'batch', 'length'])];
  if (aspect) {
    inputs.push(valueInfo(SEQUENCE_INPUT_POSITIONS, ONNX_TYPE.int32, ['batch', 'length']));
    inputs.push(valueInfo(SEQUENCE_INPUT_TARGET_MASK, ONNX_TYPE.float, ['batch', 'length', 1]));
    initializer.push(tensor('position', ONNX_TYPE.float, [served.shape.positions, P], served.position!));
    initializer.push(tensor('target_weight', ONNX_TYPE.float, [F, P], served.targetWeight!));
    initializer.push(tensor('axis_one', ONNX_TYPE.int64, [1], new BigInt64Array([1n])));
    initializer.push(tensor('axis_two', ONNX_TYPE.int64, [1], new BigInt64Array([2n])));
    nodes.push(
      node('Gather', ['position', SEQUENCE_INPUT_POSITIONS], ['position_vectors'], [intAttribute('axis', 0)]),
      node('Add', ['u', 'position_vectors'], ['x']),
      node('Mul', ['u', SEQUENCE_INPUT_TARGET_MASK], ['target_weighted']),
      node('ReduceSum', ['target_weighted', 'axis_one'], ['target'], [intAttribute('keepdims', 0)]),
      node('Gemm', ['target', 'target_weight'], ['gate_shift_flat'], [intAttribute('transB', 1)]),
      node('Unsqueeze', ['gate_shift_flat', 'axis_two'], ['gate_shift']),
    );
  }
  nodes.push(node('Transpose', [aspect ? 'x' : 'u'], ['x_channels'], [intsAttribute('perm', [0, 2, 1])]));
  const pooledNames: string[] = [];
  widths.forEach((k, w) => {
    const mask = windowMaskName(k);
    initializer.push(tensor(`conv_${k}`, ONNX_TYPE.float, [F, P, k], convLayout(served.conv[w], F, k, P)));
    initializer.push(tensor(`conv_${k}_bias`, ONNX_TYPE.float, [F], served.convBias[w]));
    const convAttributes = [intsAttribute('kernel_shape', [k])];
    nodes.push(node('Conv', ['x_channels', `conv_${k}`, `conv_${k}_bias`], [`conv_${k}_out`], convAttributes));
    if (aspect) {
      initializer.push(tensor(`gate_${k}`, ONNX_TYPE.float, [F, P, k], convLayout(served.gate[w], F, k, P)));
      initializer.push(tensor(`gate_${k}_bias`, ONNX_TYPE.float, [F], served.gateBias[w]));
      nodes.push(
        node('Conv', ['x_channels', `gate_${k}`, `gate_${k}_bias`], [`gate_${k}_out`], convAttributes),
        node('Add', [`gate_${k}_out`, 'gate_shift'], [`gate_${k}_shifted`]),
        node('Relu', [`gate_${k}_shifted`], [`gate_${k}_relu`]),
        node('Tanh', [`conv_${k}_out`], [`conv_${k}_tanh`]),
        node('Mul', [`conv_${k}_tanh`, `gate_${k}_relu`], [`feature_${k}`]),
      );
    } else {
      nodes.push(node('Relu', [`conv_${k}_out`], [`feature_${k}`]));
    }
    if (segments) {
      inputs.push(valueInfo(windowIndexName(k), ONNX_TYPE.int32, ['batch', `windows_${k}`]));
      nodes.push(
        node('Transpose', [`feature_${k}`], [`window_major_${k}`], [intsAttribute('perm', [0, 2, 1])]),
        node('Reshape', [`window_major_${k}`, 'window_shape'], [`windows_${k}`]),
        node('Gather', [`windows_${k}`, windowIndexName(k)], [`text_windows_${k}`], [intAttribute('axis', 0)]),
        node('ReduceMax', [`text_windows_${k}`], [`pooled_${k}`], [intsAttribute('axes', [1]), intAttribute('keepdims', 0)]),
      );
    } else {
      inputs.push(valueInfo(mask, ONNX_TYPE.float, ['batch', 1, `windows_${k}`]));
      nodes.push(
        node('Add', [`feature_${k}`, mask], [`masked_${k}`]),
        node('ReduceMax', [`masked_${k}`], [`pooled_${k}`], [intsAttribute('axes', [2]), intAttribute('keepdims', 0)]),
      );
    }
    pooledNames.push(`pooled_${k}`);
  });
  if (segments) initializer.push(tensor('window_shape', ONNX_TYPE.int64, [2], new BigInt64Array([-1n, BigInt(F)])));
  nodes.push(
    node('Concat', pooledNames, ['features'], [intAttribute('axis', 1)]),
    node('Gemm', ['features', 'output', 'output_bias'], ['logits'], [intAttribute('transB', 1)]),
    node('Mul', ['logits', 'inverse_temperature'], ['scaled_logits']),
    node('Softmax', ['scaled_logits'], [SEQUENCE_OUTPUT], [intAttribute('axis', -1)]),
  );
  const graph = { name: aspect ? 'gated_target_cnn' : 'kim_cnn', input: inputs, output: [valueInfo(SEQUENCE_OUTPUT, ONNX_TYPE.float, ['batch', C])], initializer, node: nodes };
  return encodeModel(graph, description, '2');
}

/** Reads an exported graph back into a ServedNetwork (for the JS twin) and its temperature. */
export function readSequenceNetwork(bytes: Uint8Array, shape: NetworkShape): { served: ServedNetwork; temperature: number } {
  const decoded = onnxModelType().toObject(onnxModelType().decode(bytes), { longs: Number, bytes: Uint8Array }) as {
    graph: { initializer: { name: string; dims: number[]; rawData: Uint8Array }[] };
  };
  const byName = new Map(decoded.graph.initializer.map((entry) => [entry.name, entry]));
  const get = (name: string) => {
    const entry = byName.get(name);
    if (!entry) throw new Error(`not a verbatim sequence model: no ${name}`);
    return entry;
  };
  const { projection: P, filters: F } = shape;
  const fromConv = (weight: Float32Array, k: number) => {
    const result = new Float32Array(weight.length);
    for (let f = 0; f < F; f++) for (let j = 0; j < k; j++) for (let p = 0; p < P; p++) result[(f * k + j) * P + p] = weight[(f * P + p) * k + j];
    return result;
  };
  const table = get('table');
  const served: ServedNetwork = {
    shape,
    table: new Int8Array(new Uint8Array(table.rawData).buffer),
    rowScale: floatsOf(get('row_scale').rawData),
    rows: table.dims[0],
    position: shape.gated ? floatsOf(get('position').rawData) : null,
    conv: shape.widths.map((k) => fromConv(floatsOf(get(`conv_${k}`).rawData), k)),
    convBias: shape.widths.map((k) => floatsOf(get(`conv_${k}_bias`).rawData)),
    gate: shape.gated ? shape.widths.map((k) => fromConv(floatsOf(get(`gate_${k}`).rawData), k)) : [],
    gateBias: shape.gated ? shape.widths.map((k) => floatsOf(get(`gate_${k}_bias`).rawData)) : [],
    targetWeight: shape.gated ? floatsOf(get('target_weight').rawData) : null,
    output: floatsOf(get('output').rawData),
    outputBias: floatsOf(get('output_bias').rawData),
  };
  return { served, temperature: 1 / floatsOf(get('inverse_temperature').rawData)[0] };
}
