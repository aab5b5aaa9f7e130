/** Strings of the product card and the product list, in Korean and English. */
import { defineMessages, type Message } from './messages.js';

const ko = {
  'product.soldOut': '품절',
  'product.discountRate': '{rate} 할인',
  'product.discountAmount': '{amount} 할인',
  'product.price': '판매가 {price}',
  'product.originalPrice': '정가 {price}',
  'product.sellingLabel': '판매가',
  'product.originalLabel': '정가',
  'product.rateLabel': '할인',
  'product.newTab': '새 탭에서 열림',
  'product.loading': '상품 정보를 불러오는 중',
  'product.notFound': '상품을 찾을 수 없습니다.',
  'productList.label': '방송 상품 {n}개',
  'productList.loading': '상품 목록을 불러오는 중',
  'productList.empty': '이 방송에 연결된 상품이 없습니다.',
  'productList.notFound': '방송을 찾을 수 없습니다.',
  'productList.previous': '이전 상품',
  'productList.next': '다음 상품',
} as const;

export type ProductMessageKey = keyof typeof ko;

const en: Record<ProductMessageKey, Message> = {
  'product.soldOut': 'Sold out',
  'product.discountRate': '{rate} off',
  'product.discountAmount': '{amount} off',
  'product.price': 'Price {price}',
  'product.originalPrice': 'Regular price {price}',
  'product.sellingLabel': 'Price',
  'product.originalLabel': 'Regular price',
  'product.rateLabel': 'off',
  'product.newTab': 'opens in a new tab',
  'product.loading': 'Loading product',
  'product.notFound': 'Product not found.',
  'productList.label': { one: '{n} product in this broadcast', other: '{n} products in this broadcast' },
  'productList.loading': 'Loading products',
  'productList.empty': 'No products in this broadcast.',
  'productList.notFound': 'Broadcast not found.',
  'productList.previous': 'Previous products',
  'productList.next': 'Next products',
};

export const productMsg = defineMessages<ProductMessageKey>({ ko, en });
